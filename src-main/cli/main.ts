// The `vigil` command: exit 0 ok, 1 failure, 2 usage.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { VigilError } from '../../src-shared/errors';
import { CliContext, type CliIo } from './cli-context';
import { UsageError } from './usage-error';
import { defaultDataDir } from '../platform/data-dir';
import { logFilePath } from '../platform/log-file';
import { initCommand } from './commands/init';
import { userCommand } from './commands/user';
import { auditCommand } from './commands/audit';
import { serveCommand } from './commands/serve';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { backupCommand } from './commands/backup';
import { caseCommand } from './commands/case';
import { statsCommand } from './commands/stats';
import { reportCommand } from './commands/report';
import type { KdfPolicy } from '../vault/kdf';

/** The usage, with where this user's data and log file are when --data is not given. */
export function helpText(env: NodeJS.ProcessEnv): string {
  return `Vigil — offline investigation workstation

Usage:
  vigil init --data DIR --admin NAME [--name VAULT] [--display-name NAME]
  vigil user add USERNAME --role ROLE [--display-name NAME] --data DIR --as ADMIN
  vigil user list --data DIR --as ADMIN
  vigil user set-role USERNAME ROLE --data DIR --as ADMIN
  vigil user disable|enable|reset-password USERNAME --data DIR --as ADMIN
  vigil audit verify --data DIR --as USER
  vigil serve [--data DIR] [--port N]
  vigil import FILE [--source NAME] [--kind alerts|investigations] [--format csv|ndjson|json]
               [--mapping PROFILE.json] [--mode good-rows|all-or-nothing] [--time-zone ZONE] --data DIR --as USER
               (defaults: --source import, --kind alerts, --mode all-or-nothing, --time-zone UTC)
  vigil demo --alerts N [--seed S] [--days D] --data DIR --as ADMIN
  vigil backup create|list|prune --data DIR --as ADMIN [--json]
  vigil backup verify FILE --data DIR --as ADMIN [--json]
  vigil backup restore FILE --confirm VAULT_NAME --data DIR (--as ADMIN | --recovery-key)
               (the recovery key comes from VIGIL_RECOVERY_KEY or a prompt)
  vigil backup restore-investigation FILE --investigation KEY --data DIR --as ADMIN [--json]
  vigil case export INVESTIGATION-KEY --out FILE.vigilcase --data DIR --as USER [--json]
  vigil case inspect|import FILE.vigilcase --data DIR --as USER [--json]
               (the passphrase comes from VIGIL_CASE_PASSPHRASE or a prompt)
  vigil stats --data DIR --as USER [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE] [--json]
               (defaults: the 30 days to today, --tz UTC; definitions in docs/METRICS.md)
  vigil report INVESTIGATION-KEY --out FILE.pdf|FILE.html --data DIR --as USER [--json]
  vigil report --analytics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE] --out FILE.pdf|FILE.html
               --data DIR --as USER [--json]   (range defaults as vigil stats)

Options:
  --data DIR   the data directory (default: the per-user app-data folder)
  --as NAME    sign in as this user (password from VIGIL_PASSWORD or a prompt; TOTP code from VIGIL_TOTP or a prompt)
  --json       machine-readable output (every command)
Roles: viewer, analyst, senior_analyst, investigator, admin, super_admin
Log file: DIR/logs/vigil.log, rotated at 5 MiB, 5 files kept, owner-only; no secrets, PII masked
  (without --data: ${logFilePath(defaultDataDir(env))})
Exit codes: 0 ok, 1 failure, 2 usage`;
}

const COMMANDS: Record<string, (cli: CliContext) => Promise<void>> = {
  init: initCommand,
  user: userCommand,
  audit: auditCommand,
  serve: serveCommand,
  demo: demoCommand,
  import: importCommand,
  backup: backupCommand,
  case: caseCommand,
  stats: statsCommand,
  report: reportCommand,
};

export async function runCli(argv: string[], io: CliIo, kdf?: KdfPolicy): Promise<number> {
  let cli: CliContext | null = null;
  try {
    const [name, ...rest] = argv;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.stdout.write(`${helpText(io.env)}\n`);
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${name}"`);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' }, as: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' },
        'display-name': { type: 'string' }, role: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' },
        alerts: { type: 'string' }, seed: { type: 'string' }, days: { type: 'string' },
        source: { type: 'string' }, format: { type: 'string' }, kind: { type: 'string' }, mapping: { type: 'string' },
        mode: { type: 'string' }, 'time-zone': { type: 'string' },
        confirm: { type: 'string' }, 'recovery-key': { type: 'boolean' },
        investigation: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' },
        analytics: { type: 'boolean' },
      },
    });
    cli = new CliContext(io, { positionals, options: values }, kdf);
    await command(cli);
    return 0;
  } catch (error) {
    return report(error, io, cli?.json ?? argv.includes('--json'));
  } finally {
    cli?.close();
  }
}

function report(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    io.stderr.write(`vigil: ${error.message}\nRun "vigil help" for usage.\n`);
    return 2;
  }
  if (error instanceof VigilError) {
    if (json && error.details?.reported !== true) io.stdout.write(`${JSON.stringify({ error: error.toWire() }, null, 2)}\n`);
    if (error.details?.reported !== true) io.stderr.write(`vigil: ${error.message}\n`);
    return 1;
  }
  io.stderr.write(`vigil: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

// Run when executed as a program (the built out/main/cli.js), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2), { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => { process.exitCode = code; },
  );
}
