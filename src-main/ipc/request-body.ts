// Reads an HTTP request body for the loopback transports (browser mode, the command endpoint):
// bounded in size, strict UTF-8, and a client that goes away mid-body is reported, never thrown.
import type { IncomingMessage } from 'node:http';

export type RequestBody = { text: string } | { problem: 'too_large' | 'not_utf8' | 'aborted' };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function readBody(request: IncomingMessage, maxBytes: number): Promise<RequestBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) return resolve({ problem: 'too_large' });
      try {
        resolve({ text: strictUtf8.decode(Buffer.concat(chunks)) });
      } catch {
        resolve({ problem: 'not_utf8' });
      }
    });
    // The client went away mid-body: there is no one left to answer. (After 'end', a no-op.)
    request.on('error', () => resolve({ problem: 'aborted' }));
    request.on('close', () => resolve({ problem: 'aborted' }));
  });
}
