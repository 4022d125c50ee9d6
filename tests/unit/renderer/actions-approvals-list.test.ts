// The Approvals list holds only actions still waiting: once approved or rejected, an action leaves
// it, and the investigation's own list shows its new status without a reload.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionItem } from '../../../src-shared/workspace-model';

const proposed = (id: string, investigationId = 'inv-1'): ActionItem => ({
  id, investigationId, kind: 'suspend_account', status: 'proposed', destructive: true, reason: 'ring', targets: [],
  proposedBy: { id: 'u-ana', username: 'ana', displayName: 'Ana' }, proposedAt: 1,
  decidedBy: null, decidedAt: null, decisionComment: null, executedBy: null, executedAt: null, revertedBy: null, revertedAt: null, revertReason: null,
});

const calls: { channel: string; input: Record<string, unknown> }[] = [];

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    async invoke(channel: string, input: Record<string, unknown>) {
      calls.push({ channel, input });
      if (channel === 'actions.list') return input['awaitingApproval'] ? [proposed('a1'), proposed('a2', 'inv-2')] : [proposed('a1')];
      if (channel === 'actions.approve') return { ...proposed(String(input['actionId'])), status: 'approved', decisionComment: input['comment'] ?? null };
      if (channel === 'actions.reject') return { ...proposed(String(input['actionId']), 'inv-2'), status: 'rejected', decisionComment: input['comment'] };
      throw new Error(`unexpected ${channel}`);
    },
  },
  onEvent: () => () => undefined,
}));

const { useActionsStore } = await import('../../../src-renderer/features/actions/store');

describe('approvals', () => {
  beforeEach(async () => {
    calls.length = 0;
    useActionsStore.getState().reset();
    await useActionsStore.getState().load('inv-1');
    await useActionsStore.getState().loadAwaiting();
  });

  it('asks main for actions awaiting the caller across investigations', () => {
    expect(calls.find((call) => call.input['awaitingApproval'] === true)?.channel).toBe('actions.list');
    expect(useActionsStore.getState().awaiting.data.map((action) => action.id)).toEqual(['a1', 'a2']);
  });

  it('drops an approved action from the approvals list and updates it in the investigation', async () => {
    await useActionsStore.getState().approve('a1', '');
    expect(useActionsStore.getState().awaiting.data.map((action) => action.id)).toEqual(['a2']);
    expect(useActionsStore.getState().actions.data.find((action) => action.id === 'a1')?.status).toBe('approved');
    expect(calls.find((call) => call.channel === 'actions.approve')?.input).toEqual({ actionId: 'a1' });
    expect(useActionsStore.getState().lastDecision).toEqual({ actionId: 'a1', investigationId: 'inv-1', status: 'approved' });
  });

  it('sends the rejection comment and drops the action, without adding another investigation\'s action here', async () => {
    await useActionsStore.getState().reject('a2', 'not enough evidence');
    expect(useActionsStore.getState().awaiting.data.map((action) => action.id)).toEqual(['a1']);
    expect(useActionsStore.getState().actions.data.map((action) => action.id)).toEqual(['a1']);
    expect(calls.find((call) => call.channel === 'actions.reject')?.input).toEqual({ actionId: 'a2', comment: 'not enough evidence' });
  });
});
