// vigil security incidents|investigate|resolve: the security incidents of the vault (docs/SECURITY-MONITORING.md).
// Listing only reads (it runs through the app with an API token while the app holds the vault);
// moving an incident is a write, refused while the app holds the vault, like every write command.
import { INCIDENT_STATUSES, SECURITY_RULE_TITLES, type IncidentStatus, type SecurityIncident } from '../../../src-shared/security-model';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';
import { formatTable, formatTime } from '../table';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`Unknown ${what} "${value}"; one of: ${allowed.join(', ')}`);
  return value as T;
}

const subjectOf = (incident: SecurityIncident) => (incident.subject ? (incident.subject.name ?? incident.subject.id ?? '?') : '(vault)');

export async function securityCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: incidents, investigate or resolve');
  if (action === 'incidents') {
    const status = oneOf<IncidentStatus>(cli.option('status'), INCIDENT_STATUSES, 'status');
    const severity = oneOf<Severity>(cli.option('severity'), SEVERITIES, 'severity');
    const limit = cli.option('limit') === undefined ? 50 : Number(cli.option('limit'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit is a whole number from 1 to 200');
    const client = await cli.signedIn({ readOnly: true });
    // Run by itself, the command holds the vault and nothing else scanned it: read the log's new rows first.
    if (!cli.throughApp) await client.invoke('security.scan', {});
    const page = await client.invoke('security.incidents', { ...(status ? { status } : {}), ...(severity ? { severity } : {}), limit });
    cli.print(
      page.incidents.length === 0
        ? 'No security incidents.'
        : formatTable(['ID', 'OPENED', 'SEVERITY', 'STATUS', 'RULE', 'SUBJECT', 'EVIDENCE'], page.incidents.map((i) => [
          i.id, formatTime(i.openedAt), i.severity, i.status, SECURITY_RULE_TITLES[i.rule], subjectOf(i), String(i.evidenceCount),
        ])),
      page,
    );
    return;
  }
  if (action === 'investigate' || action === 'resolve') {
    const incidentId = cli.positional(1, 'INCIDENT-ID');
    const note = action === 'resolve' ? cli.requireOption('note') : cli.option('note');
    const client = await cli.signedIn();
    const updated = await client.invoke('security.updateIncident', {
      incidentId, status: action === 'resolve' ? 'resolved' : 'investigating', ...(note ? { note } : {}),
    });
    cli.print(`Incident ${updated.id} (${SECURITY_RULE_TITLES[updated.rule]}, ${subjectOf(updated)}) is now ${updated.status}.`, updated);
    return;
  }
  throw new UsageError(`Unknown security action "${action}"`);
}
