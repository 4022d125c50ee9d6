// One open investigation: its detail (header, counts, status log) and the parts each tab shows,
// loaded when the tab is first opened. Every change returns the updated row, which replaces the
// old one; the detail is re-read after a change so the header and tab counts stay true.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import { userTimeZone } from '../../kit/route-query';
import { CASE_GRAPH_NODES } from './entity-graph-model';
import type { ChannelInput } from '../../../src-shared/contract';
import type { AlertRow } from '../../../src-shared/model';
import type { EntityGraph, Finding, InvestigationDetail, Note, Task, TimelineItem } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, type AsyncSlot, type SlotLoader } from '../../kit/async-slot';
import { touches, whenDataChanges } from '../../kit/live-data';

/** A tab's part: null until its first answer. */
export type PartSlot<T> = AsyncSlot<T | null>;

export interface AlertList {
  rows: AlertRow[];
  next: { occurredAt: number; id: string } | null;
}

export interface InvestigationParts {
  findings: Finding[];
  notes: Note[];
  tasks: Task[];
  timeline: TimelineItem[];
  alerts: AlertList;
  graph: EntityGraph;
}
export type PartName = keyof InvestigationParts;

type PartSlots = { [K in PartName]: PartSlot<InvestigationParts[K]> };

const ALERT_PAGE = 100;

const FETCHERS: { [K in PartName]: (investigationId: string) => Promise<InvestigationParts[K]> } = {
  findings: (investigationId) => api.invoke('findings.list', { investigationId }),
  notes: (investigationId) => api.invoke('notes.list', { investigationId }),
  tasks: (investigationId) => api.invoke('tasks.list', { investigationId }),
  // Alert events are grouped into the user's days when there are too many to list.
  timeline: (investigationId) => api.invoke('investigations.timeline', { investigationId, timeZone: userTimeZone() }),
  alerts: async (investigationId) => {
    const page = await api.invoke('alerts.list', { investigationId, order: 'newest', limit: ALERT_PAGE });
    return { rows: page.rows, next: page.next };
  },
  graph: (investigationId) => api.invoke('investigations.entities', { investigationId, maxNodes: CASE_GRAPH_NODES }),
};

const emptyParts = (): PartSlots => ({
  findings: idleSlot(null), notes: idleSlot(null), tasks: idleSlot(null), timeline: idleSlot(null), alerts: idleSlot(null), graph: idleSlot(null),
});

type StatusInput = Omit<ChannelInput<'investigations.setStatus'>, 'investigationId'>;
type UpdateInput = Omit<ChannelInput<'investigations.update'>, 'investigationId'>;

interface InvestigationStore {
  investigationId: string | null;
  detail: AsyncSlot<InvestigationDetail | null>;
  parts: PartSlots;
  /** The alert whose detail is open beside the Alerts tab's list (opened there or from the timeline). */
  openAlertId: string | null;
  showAlert(alertId: string | null): void;
  /** Shows another investigation: forgets everything held for the previous one. */
  open(investigationId: string): Promise<void>;
  reload(): Promise<void>;
  /** Rereads the header and every tab already read, quietly (another window changed this investigation). */
  refreshInPlace(): Promise<void>;
  /** Loads a tab's data (again when `force`, e.g. Refresh). */
  loadPart(name: PartName, force?: boolean): Promise<void>;
  loadMoreAlerts(): Promise<void>;
  setStatus(input: StatusInput): Promise<void>;
  update(input: UpdateInput): Promise<void>;
  addFinding(title: string, body: string): Promise<void>;
  updateFinding(findingId: string, title: string, body: string): Promise<void>;
  addNote(body: string): Promise<void>;
  addTask(title: string, assigneeId: string | null): Promise<void>;
  updateTask(taskId: string, change: { done?: boolean; assigneeId?: string | null }): Promise<void>;
  /** Takes alerts out of the case (investigations.unlinkAlerts); the graph and timeline are read again. */
  removeAlerts(alertIds: string[], reason: string): Promise<void>;
  reset(): void;
}

function replaceById<T extends { id: string }>(items: readonly T[] | null, updated: T): T[] {
  const list = items ?? [];
  return list.some((item) => item.id === updated.id) ? list.map((item) => (item.id === updated.id ? updated : item)) : [...list, updated];
}

export const useInvestigationStore = create<InvestigationStore>()((set, get) => {
  /** The id the screen shows now; an answer for an older one is dropped. */
  const current = () => get().investigationId;

  const setPart = <K extends PartName>(name: K, slot: Partial<PartSlot<InvestigationParts[K]>>) =>
    set((state) => ({ parts: { ...state.parts, [name]: { ...state.parts[name], ...slot } } }));

  const detail = createSlotLoader<InvestigationDetail | null>(null, () => get().detail, (slot) => set({ detail: slot }));
  const partLoader = <K extends PartName>(name: K): SlotLoader<InvestigationParts[K] | null> =>
    createSlotLoader<InvestigationParts[K] | null>(null, () => get().parts[name], (slot) => setPart(name, slot));
  const parts: { [K in PartName]: SlotLoader<InvestigationParts[K] | null> } = {
    findings: partLoader('findings'), notes: partLoader('notes'), tasks: partLoader('tasks'),
    timeline: partLoader('timeline'), alerts: partLoader('alerts'), graph: partLoader('graph'),
  };
  /** Another investigation (or none) on screen: every read on its way is for the old one. */
  const forgetReads = () => {
    detail.cancel();
    for (const loader of Object.values(parts)) loader.cancel();
  };

  /** After a change: the detail (counts, header) and the timeline are stale. */
  const afterChange = () => {
    setPart('timeline', { status: 'idle' });
    void get().reload().catch(() => undefined);
  };

  return {
    investigationId: null,
    detail: idleSlot(null),
    parts: emptyParts(),
    openAlertId: null,

    showAlert(alertId) {
      set({ openAlertId: alertId });
    },

    async open(investigationId) {
      forgetReads();
      set({ investigationId, detail: idleSlot(null), parts: emptyParts(), openAlertId: null });
      await get().reload();
    },

    async reload() {
      const id = current();
      if (!id) return;
      // After a change the header is re-read quietly: the page stays as it is until the answer.
      await detail.load(() => api.invoke('investigations.get', { investigationId: id }), { quiet: true });
    },

    async refreshInPlace() {
      if (!current() || get().detail.status !== 'ready') return;
      // Tabs not opened yet read when they are; those shown keep their rows until the new ones arrive.
      const shown = (Object.keys(parts) as PartName[]).filter((name) => get().parts[name].status === 'ready');
      await Promise.all([get().reload(), ...shown.map((name) => get().loadPart(name, true))]);
    },

    async loadPart(name, force = false) {
      const id = current();
      if (!id) return;
      const slot = get().parts[name];
      if (!force && (slot.status === 'loading' || slot.status === 'ready')) return;
      // A tab's data stays on screen while it is read again (Refresh, or after a change).
      const loader = parts[name] as SlotLoader<InvestigationParts[typeof name] | null>;
      await loader.load(() => FETCHERS[name](id), { keepData: true });
    },

    async loadMoreAlerts() {
      const id = current();
      const list = get().parts.alerts.data;
      if (!id || !list?.next) return;
      // Dropped if the tab is read again (or another investigation opened) meanwhile.
      const stillCurrent = parts.alerts.follow();
      const page = await api.invoke('alerts.list', { investigationId: id, order: 'newest', limit: ALERT_PAGE, after: list.next });
      if (stillCurrent()) setPart('alerts', { data: { rows: [...list.rows, ...page.rows], next: page.next } });
    },

    async setStatus(input) {
      const id = current();
      if (!id) return;
      const changed = await api.invoke('investigations.setStatus', { investigationId: id, ...input });
      if (current() === id) set({ detail: { status: 'ready', data: changed, error: null } });
      setPart('timeline', { status: 'idle' });
    },

    async update(input) {
      const id = current();
      if (!id) return;
      const changed = await api.invoke('investigations.update', { investigationId: id, ...input });
      if (current() === id) set({ detail: { status: 'ready', data: changed, error: null } });
    },

    async addFinding(title, body) {
      const id = current();
      if (!id) return;
      const finding = await api.invoke('findings.add', { investigationId: id, title, body });
      if (current() === id) setPart('findings', { data: replaceById(get().parts.findings.data, finding) });
      afterChange();
    },

    async updateFinding(findingId, title, body) {
      const finding = await api.invoke('findings.update', { findingId, title, body });
      if (finding.investigationId === current()) setPart('findings', { data: replaceById(get().parts.findings.data, finding) });
      afterChange();
    },

    async addNote(body) {
      const id = current();
      if (!id) return;
      const note = await api.invoke('notes.add', { investigationId: id, body });
      if (current() === id) setPart('notes', { data: replaceById(get().parts.notes.data, note) });
      afterChange();
    },

    async addTask(title, assigneeId) {
      const id = current();
      if (!id) return;
      const task = await api.invoke('tasks.add', { investigationId: id, title, assigneeId });
      if (current() === id) setPart('tasks', { data: replaceById(get().parts.tasks.data, task) });
      afterChange();
    },

    async updateTask(taskId, change) {
      const task = await api.invoke('tasks.update', { taskId, ...change });
      if (task.investigationId === current()) setPart('tasks', { data: replaceById(get().parts.tasks.data, task) });
      afterChange();
    },

    async removeAlerts(alertIds, reason) {
      const id = current();
      if (!id) return;
      await api.invoke('investigations.unlinkAlerts', { investigationId: id, alertIds, ...(reason.trim() ? { reason } : {}) });
      if (current() !== id) return;
      const gone = new Set(alertIds);
      const list = get().parts.alerts.data;
      if (list) setPart('alerts', { data: { ...list, rows: list.rows.filter((row) => !gone.has(row.id)) } });
      // A removed alert's detail belongs to the queue now, not beside this case's list.
      const open = get().openAlertId;
      if (open !== null && gone.has(open)) set({ openAlertId: null });
      // The graph is read from the alerts still in the case: an entity only these carried has left it.
      setPart('graph', { status: 'idle' });
      afterChange();
    },

    reset() {
      forgetReads();
      set({ investigationId: null, detail: idleSlot(null), parts: emptyParts(), openAlertId: null });
    },
  };
});

registerSessionStore('investigation', useInvestigationStore);
// Only when the change is this investigation's own; its alerts tab also follows alerts changed elsewhere.
whenDataChanges('investigations', (scope) => {
  const store = useInvestigationStore.getState();
  return touches(scope, store.investigationId) ? store.refreshInPlace() : undefined;
});
whenDataChanges('alerts', () => {
  const store = useInvestigationStore.getState();
  return store.parts.alerts.status === 'ready' ? store.loadPart('alerts', true) : undefined;
});
