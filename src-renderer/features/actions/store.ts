// Actions: those of the open investigation, and those awaiting the caller's approval across all
// investigations (the Approvals page). Dry runs are fetched once per action and kept. Every
// transition returns the updated action, which replaces it wherever it is listed.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { ActionDryRun, ActionItem } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

/** The last decision taken from the Approvals list, so the page can say what happened to a card that left it. */
export interface DecisionNotice {
  actionId: string;
  investigationId: string;
  status: ActionItem['status'];
}

export interface DryRunSlot {
  data: ActionDryRun | null;
  error: string | null;
}

interface ActionsStore {
  investigationId: string | null;
  actions: ActionItem[];
  status: LoadStatus;
  loadError: string | null;
  awaiting: ActionItem[];
  awaitingStatus: LoadStatus;
  awaitingError: string | null;
  dryRuns: Record<string, DryRunSlot>;
  lastDecision: DecisionNotice | null;
  load(investigationId: string, force?: boolean): Promise<void>;
  loadAwaiting(): Promise<void>;
  loadDryRun(actionId: string): Promise<void>;
  propose(input: Omit<ChannelInput<'actions.propose'>, 'investigationId'>): Promise<void>;
  approve(actionId: string, comment: string): Promise<void>;
  reject(actionId: string, comment: string): Promise<void>;
  execute(actionId: string): Promise<void>;
  revert(actionId: string, reason: string): Promise<void>;
  reset(): void;
}

const initial = {
  investigationId: null,
  actions: [] as ActionItem[],
  status: 'idle' as LoadStatus,
  loadError: null,
  awaiting: [] as ActionItem[],
  awaitingStatus: 'idle' as LoadStatus,
  awaitingError: null,
  dryRuns: {} as Record<string, DryRunSlot>,
  lastDecision: null as DecisionNotice | null,
};

export const useActionsStore = create<ActionsStore>()((set, get) => {
  /** Puts an updated action in place; one no longer awaiting a decision leaves the approvals list. */
  const applyUpdate = (updated: ActionItem) => {
    const { actions, awaiting, investigationId } = get();
    const inList = actions.some((action) => action.id === updated.id);
    const leftAwaiting = updated.status !== 'proposed' && awaiting.some((action) => action.id === updated.id);
    set({
      ...(leftAwaiting ? { lastDecision: { actionId: updated.id, investigationId: updated.investigationId, status: updated.status } } : {}),
      actions: inList
        ? actions.map((action) => (action.id === updated.id ? updated : action))
        : updated.investigationId === investigationId ? [updated, ...actions] : actions,
      awaiting: awaiting.filter((action) => action.id !== updated.id || updated.status === 'proposed').map((action) => (action.id === updated.id ? updated : action)),
    });
  };

  /** Applies a transition's answer unless the session left while it was on its way. */
  const applyAnswer = async (answer: Promise<ActionItem>) => {
    const since = sessionEpoch();
    const updated = await answer;
    if (since === sessionEpoch()) applyUpdate(updated);
  };

  return {
    ...initial,

    async load(investigationId, force = false) {
      const state = get();
      if (state.investigationId !== investigationId) set({ investigationId, actions: [], status: 'idle', loadError: null });
      else if (!force && (state.status === 'loading' || state.status === 'ready')) return;
      set({ status: 'loading', loadError: null });
      try {
        const actions = await api.invoke('actions.list', { investigationId });
        if (get().investigationId === investigationId) set({ actions, status: 'ready' });
      } catch (error) {
        if (get().investigationId === investigationId) set({ status: 'failed', loadError: describeError(error).message });
      }
    },

    async loadAwaiting() {
      const since = sessionEpoch();
      set({ awaitingStatus: 'loading', awaitingError: null });
      try {
        const awaiting = await api.invoke('actions.list', { awaitingApproval: true });
        if (since === sessionEpoch()) set({ awaiting, awaitingStatus: 'ready' });
      } catch (error) {
        if (since === sessionEpoch()) set({ awaitingStatus: 'failed', awaitingError: describeError(error).message });
      }
    },

    async loadDryRun(actionId) {
      if (get().dryRuns[actionId]?.data) return;
      const since = sessionEpoch();
      try {
        const data = await api.invoke('actions.dryRun', { actionId });
        if (since === sessionEpoch()) set({ dryRuns: { ...get().dryRuns, [actionId]: { data, error: null } } });
      } catch (error) {
        if (since === sessionEpoch()) set({ dryRuns: { ...get().dryRuns, [actionId]: { data: null, error: describeError(error).message } } });
      }
    },

    async propose(input) {
      const investigationId = get().investigationId;
      if (!investigationId) return;
      await applyAnswer(api.invoke('actions.propose', { investigationId, ...input }));
    },

    async approve(actionId, comment) {
      await applyAnswer(api.invoke('actions.approve', { actionId, ...(comment.trim() ? { comment } : {}) }));
    },

    async reject(actionId, comment) {
      await applyAnswer(api.invoke('actions.reject', { actionId, comment }));
    },

    async execute(actionId) {
      await applyAnswer(api.invoke('actions.execute', { actionId }));
    },

    async revert(actionId, reason) {
      await applyAnswer(api.invoke('actions.revert', { actionId, reason }));
    },

    reset() {
      set(initial);
    },
  };
});

registerSessionStore('actions', useActionsStore);
