import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { EVIDENCE_CHUNK_BYTES, rechunk } from '../../../src-main/evidence/evidence-chunks';

async function collect(pieces: Buffer[], size?: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of rechunk((async function* () { yield* pieces; })(), size)) out.push(chunk);
  return out;
}

describe('evidence chunks', () => {
  it('are a multiple of 3 bytes, so their base64 encodings concatenate into the whole file\'s', async () => {
    expect(EVIDENCE_CHUNK_BYTES % 3).toBe(0);
    expect(EVIDENCE_CHUNK_BYTES).toBeLessThanOrEqual(1024 * 1024);
    const bytes = randomBytes(EVIDENCE_CHUNK_BYTES * 2 + 17);
    const chunks = await collect([bytes.subarray(0, 100), bytes.subarray(100, EVIDENCE_CHUNK_BYTES + 5), bytes.subarray(EVIDENCE_CHUNK_BYTES + 5)]);
    expect(chunks.map((c) => c.length)).toEqual([EVIDENCE_CHUNK_BYTES, EVIDENCE_CHUNK_BYTES, 17]);
    expect(chunks.map((c) => c.toString('base64')).join('')).toBe(bytes.toString('base64'));
  });

  it('re-cut pieces of any size into full chunks in order', async () => {
    const chunks = await collect([Buffer.from('ab'), Buffer.from('cdefg'), Buffer.from(''), Buffer.from('h')], 3);
    expect(chunks.map(String)).toEqual(['abc', 'def', 'gh']);
  });
});
