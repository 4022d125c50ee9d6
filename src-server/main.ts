// The `vigil-server` command (docs/SYNC.md): serves sync over HTTP(S) from a SQLite folder
// (`--data DIR`) or PostgreSQL (`DATABASE_URL`), or runs an admin command on that database.
// Exit 0 ok, 1 failure, 2 usage. On SIGTERM/SIGINT it stops accepting, lets requests in flight finish
// (10 s at most), closes the database and exits 0.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openServerDb, type ServerDatabase, type ServerDbConfig } from './db/open';
import { SyncError } from './errors';
import { ADMIN_COMMANDS, UsageError, isAdminCommand, runAdminCommand } from './cli';
import { assertSafeListen, InsecureListenError } from './http/listen-safety';
import { buildServer } from './http/server';
import type { ServerLoggerOptions } from './http/server-logging';
import type { SyncService } from './http/sync-service';
import { applyPush } from './sync/push';
import { readStoredPull } from './sync/pull';

export interface ServerIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** How long requests in flight may take to finish at shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;

export const USAGE = `Usage:
  vigil-server --data DIR [--host 127.0.0.1] [--port 8787] [--tls-cert FILE --tls-key FILE] [--log-level info]
  DATABASE_URL=postgres://… vigil-server [--host …] [--port …]
Admin commands (on the same database, --data DIR or DATABASE_URL):
  vigil-server org create NAME | org list
  vigil-server member add --org ORG --name NAME --role ROLE
  vigil-server member list|disable|enable --org ORG [--member MEMBER]
  vigil-server enrol-token --org ORG --member MEMBER      (prints the token once)
  vigil-server devices --org ORG [--json]
  vigil-server revoke DEVICE
  vigil-server audit-rows DEVICE [AFTER_SEQ] [--json]     (the device's audit rows the server holds)`;

const syncCore: SyncService = { applyPush, readPull: readStoredPull };

const port = z.coerce.number().int().min(0).max(65_535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function databaseConfig(dataDir: string | undefined, env: ServerIo['env']): ServerDbConfig {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (dataDir !== undefined) throw new UsageError('Give --data or DATABASE_URL, not both');
    return { kind: 'postgres', url };
  }
  if (dataDir === undefined) throw new UsageError('Give --data DIR (SQLite) or set DATABASE_URL (PostgreSQL)');
  return { kind: 'sqlite', dataDir };
}

export async function runVigilServer(argv: string[], io: ServerIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
        'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'log-level': { type: 'string' },
        org: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, member: { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || positionals[0] === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = databaseConfig(values.data, io.env);
    if (isAdminCommand(positionals[0])) {
      const opened = await openServerDb(config);
      try {
        await runAdminCommand(opened.db, positionals, values, io, Date.now());
      } finally {
        await opened.close();
      }
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`Unknown command "${positionals[0]}" (commands: ${ADMIN_COMMANDS.join(', ')})`);
    const level = logLevel.safeParse(values['log-level'] ?? 'info');
    if (!level.success) throw new UsageError(`--log-level must be one of: ${logLevel.options.join(', ')}`);
    const listenPort = port.safeParse(values.port ?? '8787');
    if (!listenPort.success) throw new UsageError('--port must be a number from 0 to 65535');
    if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('Give both --tls-cert and --tls-key');
    return await serve({
      config,
      host: values.host ?? '127.0.0.1',
      port: listenPort.data,
      tls: values['tls-cert'] !== undefined && values['tls-key'] !== undefined
        ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
        : undefined,
      logger: { level: level.data },
    }, io);
  } catch (error) {
    return report(error, io);
  }
}

interface ServeOptions {
  config: ServerDbConfig;
  host: string;
  port: number;
  tls: { cert: Buffer; key: Buffer } | undefined;
  logger: ServerLoggerOptions;
}

/** Serves until SIGTERM or SIGINT; resolves with the exit code once the database is closed. */
async function serve(options: ServeOptions, io: ServerIo): Promise<number> {
  assertSafeListen(options.host, options.tls !== undefined);
  const database: ServerDatabase = await openServerDb(options.config);
  const app = await buildServer({ db: database.db, clock: Date.now, sync: syncCore, logger: options.logger, tls: options.tls })
    .catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : options.port;
  app.log.info({ host: options.host, port: boundPort, database: database.dialect, tls: options.tls !== undefined }, 'vigil-server listening');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'shutting down: finishing requests in flight');
      // Requests still running after the grace period are cut, so the process does end.
      const grace = setTimeout(() => {
        app.log.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still in flight after the grace period: closing their connections');
        app.server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      grace.unref();
      void app.close()
        .catch((error: unknown) => app.log.error({ err: error }, 'closing the HTTP server failed'))
        .then(() => database.close())
        .then(() => {
          clearTimeout(grace);
          app.log.info('stopped');
          resolve(0);
        }, (error: unknown) => {
          clearTimeout(grace);
          io.stderr.write(`vigil-server: closing the database failed: ${error instanceof Error ? error.message : String(error)}\n`);
          resolve(1);
        });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

function report(error: unknown, io: ServerIo): number {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    io.stderr.write(`vigil-server: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (error instanceof SyncError || error instanceof InsecureListenError) {
    io.stderr.write(`vigil-server: ${error.message}\n`);
    return 1;
  }
  if (error instanceof z.ZodError) {
    io.stderr.write(`vigil-server: ${error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ')}\n`);
    return 1;
  }
  io.stderr.write(`vigil-server: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

// Run directly (`node --import tsx src-server/main.ts …`); the built bundle is started by bin/vigil-server.js.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runVigilServer(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
}
