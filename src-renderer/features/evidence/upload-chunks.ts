// Pure pieces of a chunked upload: where each chunk starts and ends, and bytes → base64 without
// building one giant string argument (String.fromCharCode(...bytes) overflows the stack at ~100k).

/** 1 MiB before base64: ~1.4 MB on the wire, under the channel's 1.5 MB limit. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export interface ChunkRange {
  offset: number;
  end: number;
}

/** The chunks of a file of `size` bytes, in order; an empty file is sent as no chunks. */
export function chunkRanges(size: number, chunkBytes: number): ChunkRange[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('size must be a non-negative integer');
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0) throw new RangeError('chunkBytes must be a positive integer');
  const ranges: ChunkRange[] = [];
  for (let offset = 0; offset < size; offset += chunkBytes) ranges.push({ offset, end: Math.min(size, offset + chunkBytes) });
  return ranges;
}

/** The chunk size to use: ours, or smaller if the server asks for smaller. */
export function effectiveChunkBytes(serverChunkBytes: number): number {
  return serverChunkBytes > 0 ? Math.min(UPLOAD_CHUNK_BYTES, serverChunkBytes) : UPLOAD_CHUNK_BYTES;
}

const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}

/** What evidence.add accepts as a media type; browsers leave File.type empty for unknown files. */
export function mediaTypeOf(fileType: string): string {
  const type = fileType.trim().toLowerCase();
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) && type.length <= 100 ? type : 'application/octet-stream';
}
