// UUIDv7 (RFC 9562): time-ordered ids, so rows sort by creation and indexes stay append-mostly.
import { randomBytes } from 'node:crypto';

// Random bytes drawn in blocks: one randomBytes call per id was a measurable share of an import.
const POOL_IDS = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomBlock(): Buffer {
  if (offset + 16 > pool.length) {
    pool = randomBytes(16 * POOL_IDS);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + 16));
  offset += 16;
  return bytes;
}

export function uuidv7(nowMs: number): string {
  const bytes = randomBlock();
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 0; i < 6; i += 1) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
