// Actions as the renderer sees them: user references resolved, target values through the caller's
// PII lens, and the dry run's plain-language reach.
import type { ActionDryRun, ActionItem, ActionKind, EntityRef } from '../../src-shared/workspace-model';
import type { PiiLens } from '../pii/pii-lens';
import type { UserRefResolver } from '../auth/user-refs';
import type { ActionRecord, TargetEntity } from './actions-repository';

export function toActionItem(record: ActionRecord, targets: readonly TargetEntity[], lens: PiiLens, user: UserRefResolver): ActionItem {
  return {
    id: record.id,
    investigationId: record.investigationId,
    kind: record.kind,
    status: record.status,
    destructive: record.destructive,
    reason: lens.text(record.reason, targets),
    targets: targets.map((t) => lens.entity(t)),
    proposedBy: user(record.proposedBy),
    proposedAt: record.proposedAt,
    decidedBy: user(record.decidedBy),
    decidedAt: record.decidedAt,
    decisionComment: record.decisionComment === null ? null : lens.text(record.decisionComment, targets),
    executedBy: user(record.executedBy),
    executedAt: record.executedAt,
    revertedBy: user(record.revertedBy),
    revertedAt: record.revertedAt,
    revertReason: record.revertReason === null ? null : lens.text(record.revertReason, targets),
  };
}

const VERBS: Record<ActionKind, string> = {
  suspend_account: 'Suspends',
  remove_content: 'Removes',
  warn_user: 'Warns',
  block_ip: 'Blocks',
  escalate_law_enforcement: 'Escalates to law enforcement',
  other: 'Applies to',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function toDryRun(kind: ActionKind, targets: readonly TargetEntity[], alertCount: number, lens: PiiLens): ActionDryRun {
  const refs = (predicate: (t: TargetEntity) => boolean): EntityRef[] => targets.filter(predicate).map((t) => lens.entity(t));
  const accounts = refs((t) => t.kind === 'account');
  const content = refs((t) => t.kind === 'content');
  const ips = refs((t) => t.kind === 'ip');
  const other = refs((t) => t.kind !== 'account' && t.kind !== 'content' && t.kind !== 'ip');
  const parts = [
    accounts.length > 0 ? plural(accounts.length, 'account', 'accounts') : null,
    content.length > 0 ? plural(content.length, 'content item', 'content items') : null,
    ips.length > 0 ? plural(ips.length, 'IP address', 'IP addresses') : null,
    other.length > 0 ? plural(other.length, 'other target', 'other targets') : null,
  ].filter((p): p is string => p !== null);
  const summary = `${VERBS[kind]} ${parts.join(', ')}, mentioned in ${plural(alertCount, 'alert', 'alerts')}`;
  return { accounts, content, ips, other, alertCount, summary };
}
