// The `vigil` command: exit 0 ok, 1 failure, 2 usage. Each command's module (and the core behind
// it) is imported only when that command runs, so `vigil help` starts without opening SQLite, argon2
// or the services (tests/unit/cli/cli-startup.test.ts keeps it so).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { VigilError } from '../../src-shared/errors';
import type { CliContext, CliIo } from './cli-context';
import { UsageError } from './usage-error';
import { helpText } from './help-text';
import type { KdfPolicy } from '../vault/kdf';

export { helpText } from './help-text';

type Command = (cli: CliContext) => Promise<void>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init')).initCommand,
  user: async () => (await import('./commands/user')).userCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
  import: async () => (await import('./commands/import')).importCommand,
  backup: async () => (await import('./commands/backup')).backupCommand,
  case: async () => (await import('./commands/case')).caseCommand,
  stats: async () => (await import('./commands/stats')).statsCommand,
  report: async () => (await import('./commands/report')).reportCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  token: async () => (await import('./commands/token')).tokenCommand,
  health: async () => (await import('./commands/health')).healthCommand,
  security: async () => (await import('./commands/security')).securityCommand,
  retention: async () => (await import('./commands/retention')).retentionCommand,
  compliance: async () => (await import('./commands/compliance')).complianceCommand,
};

export async function runCli(argv: string[], io: CliIo, kdf?: KdfPolicy): Promise<number> {
  let cli: CliContext | null = null;
  try {
    const [name, ...rest] = argv;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.stdout.write(`${helpText(io.env)}\n`);
      return name ? 0 : 2;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`Unknown command "${name}"`);
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
        status: { type: 'string' }, severity: { type: 'string' }, limit: { type: 'string' }, expires: { type: 'string' },
        note: { type: 'string' },
        'dry-run': { type: 'boolean' }, apply: { type: 'boolean' },
      },
    });
    const [command, { CliContext }] = await Promise.all([load(), import('./cli-context')]);
    cli = new CliContext(io, { positionals, options: values }, kdf);
    await command(cli);
    return 0;
  } catch (error) {
    return report(error, io, cli?.json ?? argv.includes('--json'));
  } finally {
    await cli?.close();
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
