// Starts `vigil serve` on a fresh data directory, as a user would, and hands the test its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface VigilServer {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** SIGTERM to exit: the server's grace period for requests in flight (2 s) plus closing the vault. */
const STOP_WAIT_MS = 15_000;

export async function startVigil(): Promise<VigilServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/vigil.js', 'serve', '--data', dataDir, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        resolve(JSON.parse(stdout) as { url: string; port: number });
      } catch {
        // Not the whole JSON object yet.
      }
    });
    child.once('exit', (code) => reject(new Error(`vigil serve exited with ${code}: ${stderr}`)));
  });
  return {
    url: started.url,
    origin: `http://127.0.0.1:${started.port}`,
    dataDir,
    async stop() {
      // A child that already ended (by an exit code or a signal) emits no further 'exit'.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        // `vigil serve` stops within its grace period (web-server.ts); one that does not is a bug to
        // see in the log, not a test run that hangs until its timeout.
        const stuck = setTimeout(() => {
          process.stderr.write(`vigil serve did not stop within ${STOP_WAIT_MS} ms of SIGTERM; killing it. Its stderr:\n${stderr}\n`);
          child.kill('SIGKILL');
        }, STOP_WAIT_MS);
        await exited;
        clearTimeout(stuck);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
