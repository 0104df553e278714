// Verifies and prints a canonical signed packet with the npm `pkarr` 1.3.0 package (run in /tmp/pkarr-js after `npm i pkarr@1.3.0`):
//   node pkarr-js-verify.mjs cipherpost-compressed.bin
import { SignedPacket } from 'pkarr'
import fs from 'fs'
const full = fs.readFileSync(process.argv[2])
const sp = SignedPacket.fromBytes(full.subarray(0, 32), full.subarray(32))
console.log('verified; timestamp', sp.timestamp(), 'size', sp.size())
for (const a of sp.packet().answers) console.log(a.name, a.type, a.ttl, Array.isArray(a.data) ? a.data.map(b => b.length + ':' + b.toString().slice(0, 20)) : a.data)
const bad = Buffer.from(full); bad[200] ^= 1
try { SignedPacket.fromBytes(bad.subarray(0, 32), bad.subarray(32)); console.log('tampered accepted!') } catch (e) { console.log('tampered rejected:', e.message) }
