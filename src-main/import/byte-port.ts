// An import's bytes, read on the main thread and parsed in the import worker. The ByteSource stays
// on the main thread (an upload is an encrypted temp file only main can open); the worker gets a
// ByteSource whose streams pull raw chunks over a MessagePort, one chunk per pull, so a slow worker
// never has more than one chunk in flight (backpressure) and the main thread only copies bytes:
// CSV/JSON parsing and gunzip run in the worker. The chunks' ArrayBuffers are transferred, not
// copied across. The reader opens the source more than once (a CSV's delimiter is sniffed from its
// head first), so each open is a stream of its own, by number.
//
// Worker → main: open, pull, close (a stream the reader dropped). Main → worker: chunk, end, error;
// and cancel, which the import worker listens for itself (workers/import-worker.ts).
import { Readable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import type { ByteSource } from './file-reader';

const requestSchema = z.object({ type: z.enum(['open', 'pull', 'close']), stream: z.number().int().positive() }).strict();
type ByteRequest = z.infer<typeof requestSchema>;

export type ByteReply =
  | { type: 'chunk'; stream: number; bytes: ArrayBuffer }
  | { type: 'end'; stream: number }
  | { type: 'error'; stream: number; message: string };

/** Main side: answers the worker's pulls from `source` until closed. */
export function serveBytes(port: MessagePort, source: ByteSource): { close(): void } {
  const open = new Map<number, AsyncIterator<Buffer>>();
  const reply = (message: ByteReply) => port.postMessage(message, message.type === 'chunk' ? [message.bytes] : []);
  const drop = (stream: number) => {
    const chunks = open.get(stream);
    open.delete(stream);
    void chunks?.return?.().catch(() => undefined);
  };
  const pull = async (stream: number) => {
    const chunks = open.get(stream);
    if (!chunks) return;
    try {
      const next = await chunks.next();
      if (!open.has(stream)) return;
      if (next.done) {
        open.delete(stream);
        reply({ type: 'end', stream });
        return;
      }
      // A fresh buffer to transfer: a read stream's chunk may be a view of a larger pooled one.
      const bytes = new ArrayBuffer(next.value.byteLength);
      new Uint8Array(bytes).set(next.value);
      reply({ type: 'chunk', stream, bytes });
    } catch (error) {
      drop(stream);
      reply({ type: 'error', stream, message: error instanceof Error ? error.message : String(error) });
    }
  };
  port.on('message', (raw: unknown) => {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) return;
    const request: ByteRequest = parsed.data;
    if (request.type === 'open') {
      try {
        open.set(request.stream, (source.open() as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
      } catch (error) {
        reply({ type: 'error', stream: request.stream, message: error instanceof Error ? error.message : String(error) });
      }
    } else if (request.type === 'pull') {
      void pull(request.stream);
    } else {
      drop(request.stream);
    }
  });
  return {
    close() {
      for (const stream of [...open.keys()]) drop(stream);
    },
  };
}

/** Worker side: a ByteSource named like the main thread's, whose streams pull over `port`. */
export function portByteSource(port: MessagePort, name: string): ByteSource {
  const streams = new Map<number, Readable>();
  let opened = 0;
  port.on('message', (message: ByteReply | { type: 'cancel' }) => {
    if (message.type === 'cancel') return;
    const stream = streams.get(message.stream);
    if (!stream) return;
    if (message.type === 'chunk') stream.push(Buffer.from(message.bytes));
    else if (message.type === 'end') stream.push(null);
    else stream.destroy(new VigilError('VALIDATION', `The file could not be read: ${message.message}`));
  });
  return {
    name,
    open() {
      opened += 1;
      const id = opened;
      const stream = new Readable({
        // Called again only after a push: one pull, one chunk, never more in flight.
        read: () => port.postMessage({ type: 'pull', stream: id } satisfies ByteRequest),
        destroy: (error, done) => {
          if (streams.delete(id)) port.postMessage({ type: 'close', stream: id } satisfies ByteRequest);
          done(error);
        },
      });
      streams.set(id, stream);
      port.postMessage({ type: 'open', stream: id } satisfies ByteRequest);
      return stream;
    },
  };
}
