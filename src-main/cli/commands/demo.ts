// vigil demo --data DIR --as ADMIN --alerts N [--seed S] [--days D]: fills a vault with demo data.
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

function wholeNumber(cli: CliContext, name: string, fallback?: number): number | undefined {
  const text = cli.option(name);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} takes a whole number, not "${text}"`);
  return value;
}

export async function demoCommand(cli: CliContext): Promise<void> {
  const alerts = wholeNumber(cli, 'alerts');
  if (alerts === undefined) throw new UsageError('--alerts is required');
  const client = await cli.signedIn();
  const seed = wholeNumber(cli, 'seed');
  const days = wholeNumber(cli, 'days');
  const summary = await client.invoke('demo.generate', { alerts, ...(seed === undefined ? {} : { seed }), ...(days === undefined ? {} : { days }) });
  cli.print(
    `Generated ${alerts.toLocaleString('en-US')} demo alerts in ${(summary.ms / 1000).toFixed(1)} s: ${summary.inserted.toLocaleString('en-US')} new, ` +
      `${summary.deduplicated.toLocaleString('en-US')} folded into existing alerts, ${summary.entities.toLocaleString('en-US')} entities.`,
    summary,
  );
}
