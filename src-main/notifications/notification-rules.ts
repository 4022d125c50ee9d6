// Who is told what after a call succeeded: the one place these rules live. Pure: the notifier hands
// in the call (what it was given and answered) and the few facts a rule needs about people. Nobody
// is told about their own doing; texts carry keys and display names, never an alert's or a case's
// content (a title may hold PII the reader's role would see masked).
import type { ChannelName, ChannelOutput, ParsedInput } from '../../src-shared/contract';
import type { ActionItem } from '../../src-shared/workspace-model';
import type { NotificationDraft } from './notifications-repository';

export interface CallFacts {
  channel: ChannelName;
  input: unknown;
  output: unknown;
  /** Who made the call. */
  actor: { id: string; displayName: string };
  /** The audit note the handler wrote (investigations.update notes an assignee change there). */
  details: Record<string, unknown> | undefined;
}

export interface PeopleFacts {
  /** Active users who may approve actions. */
  approvers(): readonly string[];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const actionText = (item: ActionItem) => `${item.kind.replace(/_/g, ' ')} (${plural(item.targets.length, 'target', 'targets')})`;

type Rule<C extends ChannelName> = (input: ParsedInput<C>, output: ChannelOutput<C>, call: CallFacts, people: PeopleFacts) => NotificationDraft[];
type Rules = { [C in ChannelName]?: Rule<C> };

function assignedInvestigation(assigneeId: string | null | undefined, detail: { id: string; key: string }, call: CallFacts): NotificationDraft[] {
  if (!assigneeId || assigneeId === call.actor.id) return [];
  return [{
    userId: assigneeId, kind: 'assigned_investigation', text: `${call.actor.displayName} assigned you ${detail.key}`,
    link: { page: 'investigation', param: detail.id },
  }];
}

/** A proposal's decision goes to whoever proposed it. */
function decided(item: ActionItem, call: CallFacts): NotificationDraft[] {
  const proposer = item.proposedBy?.id;
  if (!proposer || proposer === call.actor.id) return [];
  const approved = item.status === 'approved';
  return [{
    userId: proposer, kind: approved ? 'proposal_approved' : 'proposal_rejected',
    text: `${call.actor.displayName} ${approved ? 'approved' : 'rejected'} your proposal: ${actionText(item)}`,
    link: { page: 'investigation', param: item.investigationId },
  }];
}

const RULES: Rules = {
  'alerts.bulk': (input, result, call) => {
    const { action } = input;
    if (action.kind !== 'assign' || !action.assigneeId || action.assigneeId === call.actor.id || result.affected === 0) return [];
    const single = 'ids' in input.selection && input.selection.ids.length === 1 ? input.selection.ids[0] : undefined;
    return [{
      userId: action.assigneeId, kind: 'assigned_alerts', text: `${call.actor.displayName} assigned you ${plural(result.affected, 'alert', 'alerts')}`,
      link: { page: 'triage', param: single ? `alert:${single}` : null },
    }];
  },
  'alerts.promote': (input, detail, call) => assignedInvestigation(input.investigation.assigneeId, detail, call),
  'investigations.create': (input, detail, call) => assignedInvestigation(input.assigneeId, detail, call),
  'investigations.update': (_input, detail, call) => {
    const change = call.details?.assignee as { from: string | null; to: string | null } | undefined;
    return change ? assignedInvestigation(change.to, detail, call) : [];
  },
  'actions.propose': (_input, item, call, people) => {
    // Only what waits for a second person: a non-destructive action needs no approval.
    if (item.status !== 'proposed' || !item.destructive) return [];
    return people.approvers().filter((id) => id !== call.actor.id && id !== item.proposedBy?.id).map((userId) => ({
      userId, kind: 'approval_awaiting' as const, text: `${call.actor.displayName} asks your approval: ${actionText(item)}`,
      link: { page: 'approvals' as const, param: null },
    }));
  },
  'actions.approve': (_input, item, call) => decided(item, call),
  'actions.reject': (_input, item, call) => decided(item, call),
};

/** The notifications a successful call causes; [] for most calls. */
export function notificationsFor(call: CallFacts, people: PeopleFacts): NotificationDraft[] {
  const rule = RULES[call.channel] as ((input: unknown, output: unknown, call: CallFacts, people: PeopleFacts) => NotificationDraft[]) | undefined;
  return rule ? rule(call.input, call.output, call, people) : [];
}
