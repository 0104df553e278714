// Produces (run in /tmp/pkarr-js after `npm i pkarr@1.3.0`) a PKARR signed packet with the npm `pkarr` 1.3.0 package from a fixed seed and timestamp.
import { SignedPacket, generateKeyPair, z32 } from 'pkarr'
import fs from 'fs'

const seed = Buffer.alloc(32)
for (let i = 0; i < 32; i++) seed[i] = i
const keyPair = generateKeyPair(seed)
const timestamp = 1700000000000000

const packet = {
  id: 0,
  type: 'response',
  flags: 0,
  answers: [
    { name: '_foo', type: 'TXT', class: 'IN', ttl: 300, data: 'hello pkarr' },
    { name: '@', type: 'A', class: 'IN', ttl: 300, data: '104.21.59.30' },
    { name: '@', type: 'AAAA', class: 'IN', ttl: 300, data: '2606:4700::6815:3b1e' },
    { name: 'www', type: 'CNAME', class: 'IN', ttl: 3600, data: 'example.com' },
    { name: '_long', type: 'TXT', class: 'IN', ttl: 60, data: [Buffer.alloc(255, 'a'), Buffer.alloc(45, 'b')] }
  ]
}
const sp = SignedPacket.fromPacket(keyPair, packet, { timestamp })
const relay = Buffer.from(sp.bytes())
const full = Buffer.concat([Buffer.from(keyPair.publicKey), relay])
fs.writeFileSync(process.argv[2] || 'pkarr-js-1.3.0.bin', full)
console.log('z32', z32.encode(keyPair.publicKey))
console.log('pk', Buffer.from(keyPair.publicKey).toString('hex'))
console.log('size', full.length, 'packet', sp.size())
