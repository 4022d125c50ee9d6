// The import dialog sends a file as ordered chunks at byte offsets, base64-encoded.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, chunkRanges, percent, sourceFromFileName } from '../../../src-renderer/features/import/upload-plan';

describe('import upload plan', () => {
  it('covers every byte exactly once, in order, with the last chunk short', () => {
    expect(chunkRanges(10, 4)).toEqual([{ offset: 0, end: 4 }, { offset: 4, end: 8 }, { offset: 8, end: 10 }]);
    expect(chunkRanges(8, 4)).toEqual([{ offset: 0, end: 4 }, { offset: 4, end: 8 }]);
  });

  it('still sends one (empty) chunk for an empty file', () => {
    expect(chunkRanges(0, 1024)).toEqual([{ offset: 0, end: 0 }]);
  });

  it('refuses a chunk size that would never finish', () => {
    expect(() => chunkRanges(10, 0)).toThrow(RangeError);
  });

  it('encodes bytes as standard base64, also past the 32 KiB slice boundary', () => {
    expect(bytesToBase64(new TextEncoder().encode('héllo'))).toBe(Buffer.from('héllo').toString('base64'));
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('reports whole-percent progress', () => {
    expect(percent(0, 200)).toBe(0);
    expect(percent(199, 200)).toBe(99);
    expect(percent(5, 0)).toBe(100);
  });

  it('names the source after the file when the analyst leaves it blank', () => {
    expect(sourceFromFileName('reports-2025.csv')).toBe('reports-2025');
    expect(sourceFromFileName('.csv')).toBe('import');
  });
});
