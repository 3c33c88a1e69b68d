/**
 * WOFF 1.0 to the plain font it wraps (OpenType/TrueType): the npm font packages ship WOFF, and
 * fontkit reading WOFF inflates a table again at each glyph it reads — seconds per Arabic letter.
 * Unwrapped once per process with Node's zlib, the font is read directly. (W3C WOFF 1.0, §4–5.)
 */
import { inflateSync } from "node:zlib";

const WOFF_SIGNATURE = 0x774f4646; // "wOFF"
const HEADER = 44;
const ENTRY = 20;

export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== WOFF_SIGNATURE) return woff;
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const tables: Buffer[] = [];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const at = HEADER + i * ENTRY;
    const tag = woff.readUInt32BE(at);
    const start = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    const stored = woff.subarray(start, start + compressed);
    const data = compressed < length ? inflateSync(stored) : stored;
    if (data.length !== length) throw new Error(`WOFF table ${i} inflates to ${data.length} bytes, not ${length}`);
    const entry = 12 + i * 16;
    header.writeUInt32BE(tag, entry);
    header.writeUInt32BE(checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(length, entry + 12);
    const padded = Buffer.alloc((length + 3) & ~3);
    data.copy(padded);
    tables.push(padded);
    offset += padded.length;
  }
  return Buffer.concat([header, ...tables]);
}
