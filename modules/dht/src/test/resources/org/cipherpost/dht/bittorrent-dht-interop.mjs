// Drives an npm bittorrent-dht node for BittorrentDhtInteropTest: one JSON command per stdin line,
// one JSON reply per stdout line. Needs INTEROP_DIR pointing at a directory with node_modules/bittorrent-dht.
import crypto from 'node:crypto'
import path from 'node:path'
import readline from 'node:readline'
import { pathToFileURL } from 'node:url'

const { default: DHT } = await import(pathToFileURL(
  path.join(process.env.INTEROP_DIR, 'node_modules', 'bittorrent-dht', 'index.js')).href)

const SPKI = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')

function verify (sig, msg, k) {
  const key = crypto.createPublicKey({ key: Buffer.concat([SPKI, k]), format: 'der', type: 'spki' })
  return crypto.verify(null, msg, key, sig)
}

let dht = null
const reply = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const lines = readline.createInterface({ input: process.stdin })

lines.on('line', (line) => {
  const cmd = JSON.parse(line)
  try {
    handle(cmd)
  } catch (err) {
    reply({ error: String(err) })
  }
})

function handle (cmd) {
  if (cmd.op === 'start') {
    dht = new DHT({ bootstrap: cmd.bootstrap, verify })
    dht.listen(0, '127.0.0.1', () => {
      dht.once('ready', () => reply({ port: dht.address().port, id: dht.nodeId.toString('hex') }))
    })
  } else if (cmd.op === 'putMutable') {
    const seed = Buffer.from(cmd.seed, 'hex')
    const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' })
    const k = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12)
    const opts = { k, seq: cmd.seq, v: Buffer.from(cmd.v), sign: (msg) => crypto.sign(null, msg, privateKey) }
    if (cmd.salt) opts.salt = Buffer.from(cmd.salt, 'hex')
    dht.put(opts, (err, hash, n) => reply(err ? { error: String(err) } : { target: hash.toString('hex'), n }))
  } else if (cmd.op === 'putImmutable') {
    dht.put({ v: Buffer.from(cmd.v) }, (err, hash, n) =>
      reply(err ? { error: String(err) } : { target: hash.toString('hex'), n }))
  } else if (cmd.op === 'get') {
    const opts = { cache: false }
    if (cmd.salt) opts.salt = Buffer.from(cmd.salt, 'hex')
    dht.get(Buffer.from(cmd.target, 'hex'), opts, (err, res) => {
      if (err) return reply({ error: String(err) })
      reply(res ? { v: Buffer.from(res.v).toString(), seq: typeof res.seq === 'number' ? res.seq : -1 } : { v: null })
    })
  } else if (cmd.op === 'local') {
    const stored = dht._values.get(cmd.target)
    reply(stored ? { v: Buffer.from(stored.v).toString(), seq: typeof stored.seq === 'number' ? stored.seq : -1 }
      : { v: null })
  } else if (cmd.op === 'stop') {
    dht.destroy(() => process.exit(0))
  }
}
