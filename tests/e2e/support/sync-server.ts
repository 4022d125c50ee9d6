// The built sync server (`bin/vigil-server.js --data DIR`) for end-to-end tests: started on a port
// of 127.0.0.1 (random the first time, the same one after a restart, so enrolled vaults find it
// again), stopped like an operator would (SIGTERM), and its admin CLI for the organisation, members
// and enrolment tokens.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import type { AuditMismatchReason } from '../../../src-shared/sync-protocol';

const run = promisify(execFile);
const SERVER = 'bin/vigil-server.js';
/** SIGTERM's grace for requests in flight is the server's own (10 s); past this the test kills it rather than hang. */
const STOP_WAIT_MS = 12_000;
/** The server's database in its data folder (SQLITE_FILE in src-server/db/open.ts). */
const SERVER_DB_FILE = 'vigil-server.sqlite';

export interface SyncServer {
  readonly dataDir: string;
  readonly url: string;
  /** Runs an admin command on the server's database (`org create …`, `enrol-token …`) and parses its --json answer. */
  admin<T>(args: string[]): Promise<T>;
  /** An organisation with an admin member per name, and a one-time enrolment token for each. */
  enrolTokens(org: string, names: readonly string[]): Promise<string[]>;
  /**
   * Records on the named device the audit mismatch the server records when a round's audit rows do not
   * follow its copy, written straight into its database: a screenshot needs a device in that state,
   * not the rewrite itself. The detection is tested for real, a vault's log rewritten and edited
   * (tests/unit/sync/runtime/audit-head.test.ts, sync-devices.test.ts).
   */
  markAuditMismatch(deviceName: string, mismatch: { at: number; seq: number; reason: AuditMismatchReason }): void;
  stop(): Promise<void>;
  /** Starts again on the same port and data (after stop). */
  restart(): Promise<void>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  port: number;
}

/** Spawns the server and resolves once its log says it listens (pino's JSON line carries the bound port). */
function spawnServer(dataDir: string, port: number): Promise<Running> {
  const child = spawn(process.execPath, [SERVER, '--data', dataDir, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise<Running>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      log += chunk.toString();
      for (const line of log.split('\n')) {
        if (!line.includes('vigil-server listening')) continue;
        try {
          resolve({ child, port: (JSON.parse(line) as { port: number }).port });
        } catch {
          // The line is not whole yet.
        }
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`vigil-server exited with ${code}: ${log}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const stuck = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
  await exited;
  clearTimeout(stuck);
}

export async function startSyncServer(): Promise<SyncServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-sync-e2e-'));
  let running: Running | null = await spawnServer(dataDir, 0);
  const port = running.port;

  const admin = async <T>(args: string[]): Promise<T> => {
    const { stdout } = await run(process.execPath, [SERVER, ...args, '--data', dataDir, '--json']);
    return JSON.parse(stdout) as T;
  };

  return {
    dataDir,
    url: `http://127.0.0.1:${port}`,
    admin,
    async enrolTokens(org, names) {
      const created = await admin<{ id: string }>(['org', 'create', org]);
      const tokens: string[] = [];
      for (const name of names) {
        const member = await admin<{ id: string }>(['member', 'add', '--org', created.id, '--name', name, '--role', 'admin']);
        tokens.push((await admin<{ token: string }>(['enrol-token', '--org', created.id, '--member', member.id])).token);
      }
      return tokens;
    },
    markAuditMismatch(deviceName, { at, seq, reason }) {
      // The server keeps the file open in WAL mode: a second writer waits its turn, as the CLI's does.
      const db = new Database(join(dataDir, SERVER_DB_FILE));
      try {
        db.pragma('busy_timeout = 5000');
        const marked = db.prepare('UPDATE devices SET audit_mismatch_at = ?, audit_mismatch_seq = ?, audit_mismatch_reason = ? WHERE name = ?')
          .run(at, seq, reason, deviceName);
        if (marked.changes !== 1) throw new Error(`expected one device named ${deviceName}, marked ${marked.changes}`);
      } finally {
        db.close();
      }
    },
    async stop() {
      if (running) await stopChild(running.child);
      running = null;
    },
    async restart() {
      if (running) throw new Error('the sync server is already running');
      running = await spawnServer(dataDir, port);
    },
    async dispose() {
      if (running) await stopChild(running.child);
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
