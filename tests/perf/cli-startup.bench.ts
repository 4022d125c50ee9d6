// Start-up of the `vigil` command, as a user types it (node bin/vigil.js, no npx): `vigil help`
// (goal under 0.3 s: it loads only the usage text) and `vigil audit verify` on a small vault,
// signed in with an API token so argon2 does not hide the start-up. Each beside `node -e 0`
// measured in the same run: the floor no Node program starts under. Needs the build (out/main/cli.js).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile, type BenchRow } from './bench-table';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const VIGIL = join(repoRoot, 'bin/vigil.js');
const RUNS = Number(process.env.VIGIL_BENCH_CLI_RUNS ?? 15);
const HELP_GOAL_MS = 300;
const PASSWORD = 'bench passphrase for the cli';

function run(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string; status: number | null; stderr: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { ms: performance.now() - start, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function median(args: string[], env?: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const result = run(args, env);
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    samples.push(result.ms);
  }
  return percentile(samples, 50);
}

export function cliStartupBenchmarks(): BenchRow[] {
  if (!existsSync(join(repoRoot, 'out/main/cli.js'))) {
    return [{ name: 'vigil help start-up (not built: run npm run build)', value: NaN, unit: 'ms', limit: null, limitLabel: '', goal: `< ${HELP_GOAL_MS} ms`, met: false }];
  }
  const floor = median(['-e', '0']);
  const help = median([VIGIL, 'help']);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-cli-'));
  try {
    const env = { VIGIL_PASSWORD: PASSWORD };
    const init = run([VIGIL, 'init', '--data', dir, '--admin', 'ops', '--json'], env);
    if (init.status !== 0) throw new Error(`vigil init failed: ${init.stderr}`);
    const created = run([VIGIL, 'token', 'create', '--name', 'bench', '--data', dir, '--as', 'ops', '--json'], env);
    if (created.status !== 0) throw new Error(`vigil token create failed: ${created.stderr}`);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const verify = median([VIGIL, 'audit', 'verify', '--data', dir], { VIGIL_TOKEN: token });
    return [
      { name: `vigil help start-up (median of ${RUNS})`, value: help, unit: 'ms', limit: floor, limitLabel: 'node -e 0', goal: `< ${HELP_GOAL_MS} ms`, met: help < HELP_GOAL_MS },
      {
        name: `vigil audit verify start-up, token sign-in (median of ${RUNS})`, value: verify, unit: 'ms', limit: floor, limitLabel: 'node -e 0',
        goal: 'informational', met: null,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
