// How a chosen file travels to main: sequential chunks at byte offsets (main refuses a chunk at the
// wrong offset, so a retry never appends twice), each base64-encoded. Pure.

export interface ChunkRange {
  offset: number;
  end: number;
}

/** The byte ranges to send, in order; an empty file is one empty chunk so main still sees it. */
export function chunkRanges(size: number, chunkBytes: number): ChunkRange[] {
  if (chunkBytes <= 0) throw new RangeError('chunkBytes must be positive');
  if (size === 0) return [{ offset: 0, end: 0 }];
  const ranges: ChunkRange[] = [];
  for (let offset = 0; offset < size; offset += chunkBytes) ranges.push({ offset, end: Math.min(size, offset + chunkBytes) });
  return ranges;
}

/** Base64 of bytes, built in slices so a 1 MiB chunk never becomes one giant argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}

/** Whole percent for a progress bar; 100 for an empty total. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** A default source name from the file name: "reports-2025.csv" → "reports-2025". */
export function sourceFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim();
  return (base || 'import').slice(0, 80);
}
