// vigil health --data DIR --as ADMIN [--json]: runs every health check once against the vault and
// prints a row per check; exit 1 when any check stands at error or critical, for scripts and
// monitoring. While the app or `vigil serve` holds the vault (VIGIL_TOKEN), it reads the status the
// holder's monitor measured instead: the holder is the process whose health matters then.
import { VigilError } from '../../../src-shared/errors';
import { isUrgent, type HealthStatus } from '../../../src-shared/health-model';
import type { CliContext } from '../cli-context';
import { formatTable, formatTime } from '../table';

export async function healthCommand(cli: CliContext): Promise<void> {
  const client = await cli.signedIn({ readOnly: true });
  const status = cli.throughApp ? await client.invoke('health.status', {}) : await client.invoke('health.run', {});
  cli.print(describe(status), status);
  const urgent = status.checks.filter((check) => isUrgent(check.level));
  if (urgent.length > 0) {
    // Said on stderr here, and the error marked reported: stdout stays the status alone (JSON a script parses).
    const message = `Unhealthy: ${urgent.map((c) => `${c.check} ${c.level}`).join(', ')}`;
    cli.io.stderr.write(`vigil: ${message}\n`);
    throw new VigilError('UNAVAILABLE', message, { reported: true });
  }
}

function describe(status: HealthStatus): string {
  const rows = status.checks.map((c) => [
    c.check, c.level.toUpperCase(), c.value === null ? '—' : `${c.value} ${c.unit}`, c.lastRunAt === null ? '—' : formatTime(c.lastRunAt),
    c.alert ? `${c.alert.status}${c.alert.acknowledgedBy ? ` by ${c.alert.acknowledgedBy}` : ''}` : '', c.evidence,
  ]);
  return `Vigil health: ${status.overall.toUpperCase()}\n${formatTable(['check', 'level', 'value', 'last run', 'alert', 'evidence'], rows)}`;
}
