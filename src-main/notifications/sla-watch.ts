// The SLA rule of notifications: an open case whose due time is near (the policy's at-risk window)
// or past tells its assignee, once per case, due time and assignee (a new due time or a new
// assignee is a new fact worth telling). Pure: the notifier feeds it the cases near their due time.
import { judgeSla } from '../../src-shared/sla';
import type { NotificationDraft } from './notifications-repository';

export interface CaseNearDue {
  id: string;
  key: string;
  assigneeId: string;
  slaDueAt: number;
}

export function slaNotifications(cases: readonly CaseNearDue[], now: number, atRiskWindowMs: number): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  for (const item of cases) {
    const judgement = judgeSla(item.slaDueAt, null, now, atRiskWindowMs);
    if (judgement !== 'at_risk' && judgement !== 'breached') continue;
    const kind = judgement === 'breached' ? 'sla_breached' : 'sla_at_risk';
    drafts.push({
      userId: item.assigneeId, kind,
      text: judgement === 'breached' ? `${item.key} is past its due time` : `${item.key} is due soon`,
      link: { page: 'investigation', param: item.id },
      dedupeKey: `${kind}:${item.id}:${item.slaDueAt}:${item.assigneeId}`,
    });
  }
  return drafts;
}
