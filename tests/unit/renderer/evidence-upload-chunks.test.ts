// Evidence arrives in sequential chunks named by byte offset: every byte is sent once, in order,
// and each chunk fits the channel's limit once base64-encoded.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, chunkRanges, effectiveChunkBytes, mediaTypeOf, UPLOAD_CHUNK_BYTES } from '../../../src-renderer/features/evidence/upload-chunks';

describe('chunked evidence upload', () => {
  it('covers every byte once, in order, with offsets that continue where the last chunk ended', () => {
    const size = 3 * UPLOAD_CHUNK_BYTES + 17;
    const ranges = chunkRanges(size, UPLOAD_CHUNK_BYTES);
    expect(ranges).toHaveLength(4);
    expect(ranges[0]).toEqual({ offset: 0, end: UPLOAD_CHUNK_BYTES });
    for (let index = 1; index < ranges.length; index += 1) expect(ranges[index]?.offset).toBe(ranges[index - 1]?.end);
    expect(ranges.at(-1)?.end).toBe(size);
  });

  it('sends an exact multiple without an empty trailing chunk, and an empty file as no chunks', () => {
    expect(chunkRanges(2 * 1024, 1024)).toEqual([{ offset: 0, end: 1024 }, { offset: 1024, end: 2048 }]);
    expect(chunkRanges(0, 1024)).toEqual([]);
  });

  it('refuses nonsense sizes instead of looping forever', () => {
    expect(() => chunkRanges(10, 0)).toThrow(RangeError);
    expect(() => chunkRanges(-1, 10)).toThrow(RangeError);
  });

  it('uses 1 MiB chunks unless the server asks for smaller ones', () => {
    expect(effectiveChunkBytes(4 * 1024 * 1024)).toBe(UPLOAD_CHUNK_BYTES);
    expect(effectiveChunkBytes(256 * 1024)).toBe(256 * 1024);
  });

  it('encodes a full 1 MiB chunk as base64 identical to Node\'s, and within the 1.5 MB channel limit', () => {
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 31 + 7) & 0xff;
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(encoded.length).toBeLessThanOrEqual(1_500_000);
  });

  it('labels files the browser could not type as octet-stream, and normalises case', () => {
    expect(mediaTypeOf('')).toBe('application/octet-stream');
    expect(mediaTypeOf('Image/PNG')).toBe('image/png');
    expect(mediaTypeOf('text/plain; charset=utf-8')).toBe('application/octet-stream');
  });
});
