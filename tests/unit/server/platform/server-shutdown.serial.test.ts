import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../../src-server/db/open';
import { SHUTDOWN_GRACE_MS } from '../../../../src-server/main';

// The real process: `vigil-server --data DIR --port 0` started, asked something, sent SIGTERM while a
// request is still arriving. It must answer that request, close the database and exit 0, and not wait
// out its grace period for the client's kept-alive connection (sync clients keep theirs alive).
describe('vigil-server shutdown', () => {
  let child: ChildProcess | null = null;
  let dataDir: string | null = null;
  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Resolves with the first log line whose message is `msg` (and that `matches`). */
  function logLine(process: ChildProcess, msg: string, matches: (entry: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer): void => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? ''; // an unfinished line waits for the rest
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (entry.msg === msg && matches(entry)) {
            process.stdout?.off('data', onData);
            resolve(entry);
            return;
          }
        }
      };
      process.stdout?.on('data', onData);
      process.once('exit', (code) => reject(new Error(`exited (${code}) before logging "${msg}"`)));
    });
  }

  it('finishes the request in flight, closes the database and exits 0 on SIGTERM, not waiting out its grace', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-server-run-'));
    const started = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts', '--data', dataDir, '--port', '0'], {
      cwd: join(import.meta.dirname, '../../../..'), stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    const listening = await logLine(started, 'vigil-server listening');
    const port = Number(listening.port);
    expect(port).toBeGreaterThan(0);

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });

    // A request whose body is still arriving when the signal comes: the signal is sent once the server
    // has logged the request's head, the rest of the body once it has logged that it is stopping.
    const body = JSON.stringify({ deviceId: 'nobody', credential: 'x'.repeat(43) });
    const arrived = logLine(started, 'incoming request', (entry) => (entry.req as { url?: string } | undefined)?.url === '/v1/token');
    const stopping = logLine(started, 'shutting down: finishing requests in flight');
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const inFlight = request({
        host: '127.0.0.1', port, method: 'POST', path: '/v1/token', agent: new Agent({ keepAlive: true }),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      inFlight.on('error', reject);
      inFlight.write(body.slice(0, 10));
      void arrived.then(() => started.kill('SIGTERM'));
      void stopping.then(() => inFlight.end(body.slice(10)), reject);
    });
    const response = await answered;
    const answeredAt = Date.now();
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    expect(await exited).toBe(0);
    expect(Date.now() - answeredAt).toBeLessThan(SHUTDOWN_GRACE_MS / 2);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(existsSync(join(dataDir, `${SQLITE_FILE}-wal`))).toBe(false);
  });
});
