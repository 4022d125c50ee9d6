// Evidence bytes are stored in chunks whose length is a multiple of 3 (the largest such at or under
// 1 MiB), so each chunk base64-encodes on its own and the encodings simply concatenate: a 200 MiB
// file is encoded piece by piece between event-loop turns, never in one 100 ms call.
export const EVIDENCE_CHUNK_BYTES = 3 * Math.floor((1024 * 1024) / 3);

/** Re-cuts a stream of buffers of any sizes into chunks of exactly EVIDENCE_CHUNK_BYTES (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Buffer | Uint8Array>, size = EVIDENCE_CHUNK_BYTES): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (buffer.length > 0) {
      const take = Math.min(size - pendingBytes, buffer.length);
      pending.push(buffer.subarray(0, take));
      pendingBytes += take;
      buffer = buffer.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}
