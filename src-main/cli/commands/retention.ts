// vigil retention --dry-run|--apply --data DIR --as ADMIN [--json]: what the vault's retention policy
// removes now (a dry run: the exact counts of the plan the apply computes), or removes it. Applies the
// saved policy whether or not its daily run is enabled; the run is audited like any other.
import { RETENTION_KINDS, type RetentionKind, type RetentionPreview } from '../../../src-shared/retention-contract';
import type { CliContext } from '../cli-context';
import { formatTable } from '../table';
import { UsageError } from '../usage-error';

const KIND_LABELS: Record<RetentionKind, string> = {
  closedInvestigations: 'closed investigations', dismissedAlerts: 'dismissed alerts', evidence: 'evidence files',
};

export async function retentionCommand(cli: CliContext): Promise<void> {
  const dryRun = cli.command.options['dry-run'] === true;
  const apply = cli.command.options.apply === true;
  if (dryRun === apply) throw new UsageError('Pass one of --dry-run or --apply');
  const client = await cli.signedIn();
  if (dryRun) {
    const preview = await client.invoke('retention.preview', {});
    cli.print(`Dry run: nothing was removed.\n${describe(preview)}`, preview);
    return;
  }
  const outcome = await client.invoke('retention.apply', {});
  cli.print(`Applied (audit entry #${outcome.auditSeq}); ${outcome.entitiesRemoved} entities no alert links any more removed.\n${describe(outcome)}`, outcome);
}

function describe(preview: RetentionPreview): string {
  const rows = RETENTION_KINDS.map((kind) => {
    const k = preview.kinds[kind];
    const kept = preview.policy[kind].days === null;
    return [KIND_LABELS[kind], kept ? 'kept' : k.mode, kept ? '—' : String(k.items), String(k.alerts), String(k.due), String(k.held)];
  });
  const state = preview.policy.enabled ? 'the daily run is on' : 'the daily run is off';
  return `${formatTable(['kind', 'mode', 'items', 'with alerts', 'due (grace)', 'on hold'], rows)}\nPolicy: ${state}, grace ${preview.policy.graceDays} days.`;
}
