// Drives the npm `pkarr` 1.3.0 client and a `bittorrent-dht` 11 node for PkarrInteropTest: one JSON command
// per stdin line, one JSON reply per stdout line (diagnostics go to stderr).
// Needs INTEROP_DIR pointing at a directory with node_modules/pkarr and node_modules/bittorrent-dht.
import crypto from 'node:crypto'
import path from 'node:path'
import readline from 'node:readline'
import { pathToFileURL } from 'node:url'

const modules = path.join(process.env.INTEROP_DIR, 'node_modules')
const load = async (...parts) => import(pathToFileURL(path.join(modules, ...parts)).href)
const { default: BittorrentDht } = await load('bittorrent-dht', 'index.js')
const { SignedPacket, generateKeyPair, z32, Pkarr } = await load('pkarr', 'index.js')
const { default: PkarrDht } = await load('pkarr', 'lib', 'dht.js')
const { default: RelayServer } = await load('pkarr', 'lib', 'relay.js')

const SPKI = Buffer.from('302a300506032b6570032100', 'hex')
const verify = (sig, msg, k) => crypto.verify(null, msg,
  crypto.createPublicKey({ key: Buffer.concat([SPKI, k]), format: 'der', type: 'spki' }), sig)

// pkarr's relay logs every request with console.log; stdout carries only replies.
console.log = (...args) => console.error(...args)
const ready = (dht) => dht.ready ? Promise.resolve() : new Promise((resolve) => dht.once('ready', resolve))

let node = null
let bootstrap = null
let storage = null
let client = null
let relay = null
const reply = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const fail = (err) => reply({ error: String(err && err.stack ? err.stack : err) })

function signed (cmd) {
  const packet = {
    id: 0,
    type: 'response',
    flags: 0,
    answers: cmd.records.map(([name, data]) => ({ name, type: 'TXT', class: 'IN', ttl: 300, data }))
  }
  return SignedPacket.fromPacket(generateKeyPair(Buffer.from(cmd.seed, 'hex')), packet)
}

function describe (signedPacket, name) {
  const records = signedPacket.resourceRecords(name)
  const data = records.length === 0 ? null : records[0].data
  const txt = data === null ? null : [].concat(data).map((b) => Buffer.from(b).toString()).join('')
  return { z32: z32.encode(signedPacket.publicKey()), timestamp: String(signedPacket.timestamp()), txt }
}

async function handle (cmd) {
  switch (cmd.op) {
    case 'start': {
      // A full bittorrent-dht node that stores BEP 44 items, and pkarr's own DHT client beside it.
      node = new BittorrentDht({ bootstrap: cmd.bootstrap, verify })
      await new Promise((resolve) => node.listen(0, '127.0.0.1', resolve))
      await ready(node)
      bootstrap = cmd.bootstrap.concat([`127.0.0.1:${node.address().port}`])
      storage = cmd.storage
      client = new PkarrDht({ bootstrap, storageLocation: storage, verify })
      await new Promise((resolve) => client._dht.listen(0, '127.0.0.1', resolve))
      await ready(client._dht)
      return { port: node.address().port, id: node.nodeId.toString('hex') }
    }
    case 'publish': {
      const signedPacket = signed(cmd)
      const result = await client.put(signedPacket.bep44Args())
      return { ...describe(signedPacket, cmd.records[0][0]), nodes: result.nodes.length }
    }
    case 'resolve': {
      // A fresh pkarr client that joined after the put, so the packet can only come from other nodes.
      const fresh = new PkarrDht({ bootstrap: bootstrap, storageLocation: storage, verify })
      await new Promise((resolve) => fresh._dht.listen(0, '127.0.0.1', resolve))
      await ready(fresh._dht)
      try {
        const result = await fresh.get(z32.decode(cmd.z32), { fullLookup: true })
        if (!result) return { found: false }
        return { found: true, ...describe(SignedPacket.fromBep44Args(result), cmd.name), nodes: result.nodes.length }
      } finally {
        await fresh.destroy()
      }
    }
    case 'stored': {
      const target = crypto.createHash('sha1').update(z32.decode(cmd.z32)).digest('hex')
      const value = node._values.get(target)
      return value ? { seq: String(value.seq) } : { seq: null }
    }
    case 'relayPut': {
      const response = await Pkarr.relayPut(cmd.relay, signed(cmd))
      return { status: response.status }
    }
    case 'relayGet': {
      const signedPacket = await Pkarr.relayGet(cmd.relay, z32.decode(cmd.z32))
      return describe(signedPacket, cmd.name)
    }
    case 'relayServe': {
      relay = await RelayServer.start({ dht: client, port: 0 })
      return { url: `http://127.0.0.1:${relay.port}` }
    }
    default:
      throw new Error('unknown op ' + cmd.op)
  }
}

const lines = readline.createInterface({ input: process.stdin })
for await (const line of lines) {
  try {
    reply(await handle(JSON.parse(line)))
  } catch (err) {
    fail(err)
  }
}
process.exit(0)
