// The worker side of a resident worker (resident-launcher.ts): open once with the data key (zeroed as
// soon as `open` returns: what it opened keeps what it needs), serve jobs in the order they come,
// close on request and let the thread end. A failed open is reported once (id 0) and ends the thread.
import { parentPort } from 'node:worker_threads';
import { wireErrorOf, type ResidentMessage, type ResidentReply } from './worker-messages';

export interface ResidentJobs<State> {
  open(init: unknown, dataKey: Buffer): State;
  run(state: State, request: unknown): unknown;
  close(state: State): void;
}

export function serveResidentJobs<State>(jobs: ResidentJobs<State>): void {
  const port = parentPort;
  if (!port) throw new Error('serveResidentJobs runs inside a worker thread');
  const post = (reply: ResidentReply) => port.postMessage(reply);
  let state: { value: State } | null = null;
  const end = () => {
    if (state) jobs.close(state.value);
    state = null;
    port.close();
  };
  port.on('message', (message: ResidentMessage) => {
    if (message.type === 'close') {
      end();
      return;
    }
    if (message.type === 'open') {
      const key = message.dataKey ?? new Uint8Array(0);
      // A view, not a copy: zeroing it zeroes the only copy this thread has.
      const dataKey = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
      try {
        state = { value: jobs.open(message.init, dataKey) };
      } catch (error) {
        post({ id: 0, type: 'failed', error: wireErrorOf(error) });
        end();
      } finally {
        dataKey.fill(0);
      }
      return;
    }
    if (!state) {
      post({ id: message.id, type: 'failed', error: { code: 'INTERNAL', message: 'The background worker is not open' } });
      return;
    }
    try {
      post({ id: message.id, type: 'done', result: jobs.run(state.value, message.request) });
    } catch (error) {
      post({ id: message.id, type: 'failed', error: wireErrorOf(error) });
    }
  });
}
