// Actions: those of the open investigation, and those awaiting the caller's approval across all
// investigations (the Approvals page). Dry runs are fetched once per action and kept. Every
// transition returns the updated action, which replaces it wherever it is listed.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { ActionDryRun, ActionItem } from '../../../src-shared/workspace-model';
import { createSlotLoader, errorText, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { touches, whenDataChanges } from '../../kit/live-data';

/** The last decision taken from the Approvals list, so the page can say what happened to a card that left it. */
export interface DecisionNotice {
  actionId: string;
  investigationId: string;
  status: ActionItem['status'];
}

interface ActionsStore {
  investigationId: string | null;
  actions: AsyncSlot<ActionItem[]>;
  awaiting: AsyncSlot<ActionItem[]>;
  /** By action id; a dry run is read once and kept. */
  dryRuns: Record<string, AsyncSlot<ActionDryRun | null>>;
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
  actions: idleSlot<ActionItem[]>([]),
  awaiting: idleSlot<ActionItem[]>([]),
  dryRuns: {} as Record<string, AsyncSlot<ActionDryRun | null>>,
  lastDecision: null as DecisionNotice | null,
};

export const useActionsStore = create<ActionsStore>()((set, get) => {
  const actions = createSlotLoader<ActionItem[]>([], () => get().actions, (slot) => set({ actions: slot }));
  const awaiting = createSlotLoader<ActionItem[]>([], () => get().awaiting, (slot) => set({ awaiting: slot }));
  const setDryRun = (actionId: string, slot: AsyncSlot<ActionDryRun | null>) => set({ dryRuns: { ...get().dryRuns, [actionId]: slot } });

  /** Puts an updated action in place; one no longer awaiting a decision leaves the approvals list. */
  const applyUpdate = (updated: ActionItem) => {
    const { actions: listed, awaiting: waiting, investigationId } = get();
    const inList = listed.data.some((action) => action.id === updated.id);
    const leftAwaiting = updated.status !== 'proposed' && waiting.data.some((action) => action.id === updated.id);
    const replace = (action: ActionItem) => (action.id === updated.id ? updated : action);
    set({
      ...(leftAwaiting ? { lastDecision: { actionId: updated.id, investigationId: updated.investigationId, status: updated.status } } : {}),
      actions: {
        ...listed,
        data: inList ? listed.data.map(replace) : updated.investigationId === investigationId ? [updated, ...listed.data] : listed.data,
      },
      awaiting: { ...waiting, data: waiting.data.filter((action) => action.id !== updated.id || updated.status === 'proposed').map(replace) },
    });
  };

  /** Applies a transition's answer unless the session left while it was on its way. */
  const applyAnswer = async (answer: Promise<ActionItem>) => {
    const current = sameSession();
    const updated = await answer;
    if (current()) applyUpdate(updated);
  };

  return {
    ...initial,

    async load(investigationId, force = false) {
      const state = get();
      const sameInvestigation = state.investigationId === investigationId;
      if (sameInvestigation && !force && (state.actions.status === 'loading' || state.actions.status === 'ready')) return;
      if (!sameInvestigation) set({ investigationId });
      // Another investigation's list never shows, even for a moment: the slot empties first.
      await actions.load(() => api.invoke('actions.list', { investigationId }), { keepData: sameInvestigation });
    },

    async loadAwaiting() {
      await awaiting.load(() => api.invoke('actions.list', { awaitingApproval: true }), { keepData: true });
    },

    async loadDryRun(actionId) {
      if (get().dryRuns[actionId]?.data) return;
      const current = sameSession();
      setDryRun(actionId, { status: 'loading', data: null, error: null });
      try {
        const data = await api.invoke('actions.dryRun', { actionId });
        if (current()) setDryRun(actionId, { status: 'ready', data, error: null });
      } catch (error) {
        if (current()) setDryRun(actionId, { status: 'failed', data: null, error: errorText(error) });
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
      actions.cancel();
      awaiting.cancel();
      set(initial);
    },
  };
});

whenDataChanges('approvals', () => {
  const store = useActionsStore.getState();
  return store.awaiting.status === 'ready' ? store.loadAwaiting() : undefined;
});
whenDataChanges('investigations', (scope) => {
  const store = useActionsStore.getState();
  return store.actions.status === 'ready' && touches(scope, store.investigationId) ? store.load(store.investigationId ?? '', true) : undefined;
});
registerSessionStore('actions', useActionsStore);
