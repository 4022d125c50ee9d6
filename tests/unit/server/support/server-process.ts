// The real `vigil-server` as a process of its own (from sources, through tsx) on a data folder, on a
// port of the system's choosing: for tests that kill it, or that must not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Resolves when the server has logged the head of a request to `url`. */
  requestArrived(url: string): Promise<void>;
}

export function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts', '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiting: Array<{ url: string; resolve: () => void }> = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number; req?: { url?: string } };
        if (entry.msg === 'vigil-server listening') {
          resolve({
            child, port: Number(entry.port),
            requestArrived: (url) => new Promise((arrived) => waiting.push({ url, resolve: arrived })),
          });
        }
        if (entry.msg === 'incoming request') {
          for (const wait of waiting.splice(0)) {
            if (wait.url === entry.req?.url) wait.resolve();
            else waiting.push(wait);
          }
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`vigil-server exited (${code}) before listening`)));
  });
}

export function killServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
