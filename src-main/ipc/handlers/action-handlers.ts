// Action channels: propose, dry run, four-eyes approval, execute, revert. The router has checked the
// permission (approve_actions for approve and reject); the four-eyes rule and the state machine
// are checked in one transaction by the repository (src-main/actions/).
import type { Handlers } from '../router';
import type { ActionItem } from '../../../src-shared/workspace-model';
import type { ActionRecord } from '../../actions/actions-repository';
import { toActionItem, toDryRun } from '../../actions/action-view';
import { callActionHook, hookNoteText, hookPayload, readActionHooks } from '../../actions/action-hooks';
import type { PiiLens } from '../../pii/pii-lens';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'actions.list' | 'actions.propose' | 'actions.dryRun' | 'actions.approve' | 'actions.reject' | 'actions.execute' | 'actions.revert';

export function actionHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const view = (records: readonly ActionRecord[], lens: PiiLens): ActionItem[] => {
    const user = repos().userRefs.resolver();
    return records.map((r) => toActionItem(r, repos().actions.targets(r.id), lens, user));
  };
  const single = (record: ActionRecord, lens: PiiLens): ActionItem => view([record], lens)[0] as ActionItem;
  const noteMove = (note: (a: { target?: string; details?: Record<string, unknown> }) => void, record: ActionRecord) =>
    note({ target: record.id, details: { investigationId: record.investigationId, kind: record.kind, status: record.status } });

  return {
    'actions.list': (input, { session }) => {
      const { userId } = requireSession(session);
      const records = repos().actions.list({
        ...(input.investigationId !== undefined ? { investigationId: input.investigationId } : {}),
        ...(input.awaitingApproval ? { awaitingApprovalOf: userId } : {}),
      });
      return view(records, lensFor(s, session));
    },
    'actions.propose': (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.investigationId, details: { kind: input.kind, targets: input.targetEntityIds.length } });
      const record = repos().actions.propose({ ...input, proposedBy: userId });
      noteMove(note, record);
      return single(record, lensFor(s, session));
    },
    'actions.dryRun': (input, { session }) => {
      const actions = repos().actions;
      const record = actions.get(input.actionId);
      return toDryRun(record.kind, actions.targets(record.id), actions.alertCount(record.id), lensFor(s, session));
    },
    'actions.approve': (input, { session, note }) => {
      note({ target: input.actionId });
      const record = repos().actions.move(input.actionId, 'approve', requireSession(session).userId, input.comment ?? null);
      noteMove(note, record);
      return single(record, lensFor(s, session));
    },
    'actions.reject': (input, { session, note }) => {
      note({ target: input.actionId });
      const record = repos().actions.move(input.actionId, 'reject', requireSession(session).userId, input.comment);
      noteMove(note, record);
      return single(record, lensFor(s, session));
    },
    'actions.execute': async (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.actionId });
      const record = repos().actions.move(input.actionId, 'execute', userId);
      noteMove(note, record);
      // Recorded first, then the configured hook (if any) is called and its answer kept as a note:
      // the analyst confirmed they are acting, and the record must not hang on a slow far end.
      const hook = readActionHooks(repos().settings).hooks[record.kind];
      if (hook) {
        const lens = lensFor(s, session);
        const user = repos().userRefs.resolver();
        const investigation = repos().investigations.lookup.require(record.investigationId);
        const payload = hookPayload(record, investigation.key, repos().actions.targets(record.id), user(userId)?.username ?? userId, record.executedAt ?? s.clock.now());
        const outcome = await callActionHook(hook, payload, () => s.clock.now());
        repos().investigations.notes.add(record.investigationId, hookNoteText(record.kind, outcome), userId, repos().investigations.view(lens, user));
        note({ target: record.id, details: { investigationId: record.investigationId, kind: record.kind, status: record.status, hook: { ok: outcome.ok, httpStatus: outcome.status, ms: outcome.ms } } });
      }
      return single(record, lensFor(s, session));
    },
    'actions.revert': (input, { session, note }) => {
      note({ target: input.actionId });
      const record = repos().actions.move(input.actionId, 'revert', requireSession(session).userId, input.reason);
      noteMove(note, record);
      return single(record, lensFor(s, session));
    },
  };
}
