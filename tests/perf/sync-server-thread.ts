// The sync bench's server in a thread of its own (sync-server.ts): the real server (buildServer over
// the real sync core) on the bench's database, listening on 127.0.0.1. A server never shares a thread
// with its clients — they are other machines — so the bench's devices and the app's runner measured
// against it do not queue behind its requests, nor it behind theirs. They still share the machine's
// cores. Told `close`, it stops listening, closes its database and says `closed`.
import { parentPort, workerData } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { openServerDb, type ServerDbConfig } from '../../src-server/db/open';
import { buildServer } from '../../src-server/http/server';
import { applyPush } from '../../src-server/sync/push';
import { readStoredPull } from '../../src-server/sync/pull';

const port = parentPort;
if (!port) throw new Error('sync-server-thread runs as a worker thread');
const config = workerData as ServerDbConfig;
const database = await openServerDb(config);
// The bench's 20 devices push as fast as they can: the per-device request limit would measure the limiter, not the server.
const app = await buildServer({ db: database.db, clock: Date.now, sync: { applyPush, readPull: readStoredPull }, logger: false, limits: { requestsPerMinute: 1_000_000 } });
await app.listen({ host: '127.0.0.1', port: 0 });
port.postMessage({ listening: (app.server.address() as AddressInfo).port });
port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  void (async () => {
    await app.close();
    await database.close();
    port.postMessage('closed');
  })();
});
