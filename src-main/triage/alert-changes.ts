// What each triage action does to one alert, as SQL: which alerts it changes (the rest are left as
// they are, so every batch is idempotent), which are already where it leads (for the "the set
// changed" check), and the columns it sets. Built from code constants; values are parameters.
import type { DismissReason } from '../../src-shared/workspace-model';

export type TriageAction =
  | { kind: 'dismiss'; reason: DismissReason; comment?: string | undefined }
  | { kind: 'acknowledge' }
  | { kind: 'reopen' }
  | { kind: 'assign'; assigneeId: string | null }
  | { kind: 'link'; investigationId: string };

export interface AlertChange {
  /** SET clause (without the sync columns) and its parameters. */
  set: string;
  setParams: (string | null)[];
  /** Condition over `a`: the alert is one this action changes. */
  changeable: string;
  changeableParams: (string | null)[];
  /** Condition over `a`: the alert is already in the state this action leads to. */
  already: string;
  alreadyParams: (string | null)[];
  /** Columns written, for the change log. */
  fields: readonly string[];
  /** A verdict (acknowledge, dismiss, link): stamps the alert's first verdict time if it has none. */
  verdict: boolean;
}

export function alertChangeFor(action: TriageAction): AlertChange {
  switch (action.kind) {
    case 'acknowledge':
      return { set: "status = 'acknowledged'", setParams: [], changeable: "a.status = 'new'", changeableParams: [], already: "a.status = 'acknowledged'", alreadyParams: [], fields: ['status'], verdict: true };
    case 'dismiss': {
      const reason = action.comment ? `${action.reason}: ${action.comment}` : action.reason;
      // A promoted alert belongs to an investigation: it is not dismissed from the queue.
      return {
        set: "status = 'dismissed', dismiss_reason = ?", setParams: [reason],
        changeable: "a.status IN ('new', 'acknowledged')", changeableParams: [],
        already: "a.status = 'dismissed'", alreadyParams: [], fields: ['status', 'dismiss_reason'], verdict: true,
      };
    }
    case 'reopen':
      return {
        set: "status = 'new', dismiss_reason = NULL", setParams: [],
        changeable: "a.status IN ('acknowledged', 'dismissed')", changeableParams: [],
        already: "a.status = 'new'", alreadyParams: [], fields: ['status', 'dismiss_reason'], verdict: false,
      };
    case 'assign':
      return {
        set: 'assignee_id = ?', setParams: [action.assigneeId],
        changeable: 'a.assignee_id IS NOT ?', changeableParams: [action.assigneeId],
        already: 'a.assignee_id IS ?', alreadyParams: [action.assigneeId], fields: ['assignee_id'], verdict: false,
      };
    case 'link':
      // Linking moves an alert from another investigation too: merging duplicates is the point.
      return {
        set: "status = 'promoted', investigation_id = ?, dismiss_reason = NULL", setParams: [action.investigationId],
        changeable: 'a.investigation_id IS NOT ?', changeableParams: [action.investigationId],
        already: 'a.investigation_id IS ?', alreadyParams: [action.investigationId], fields: ['status', 'investigation_id', 'dismiss_reason'], verdict: true,
      };
  }
}
