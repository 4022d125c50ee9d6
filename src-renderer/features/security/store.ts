// The Security screen's reads: incidents newest first (optionally one status), a page at a time; the
// incident open in the detail pane with its evidence; risk scores per person. Reread when main
// announces new alerts (a scan that opens incidents raises alerts too).
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, errorText, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { whenDataChanges } from '../../kit/live-data';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type {
  IncidentStatus, SecurityIncidentDetail, SecurityIncidentPage, SecurityScanOutcome, SecurityThresholds, UserRiskScore,
} from '../../../src-shared/security-model';

const PAGE_SIZE = 50;

interface SecurityStore {
  incidents: AsyncSlot<SecurityIncidentPage>;
  loadingMore: boolean;
  /** The status the list is filtered to ('' = every status). */
  status: IncidentStatus | '';
  detail: AsyncSlot<SecurityIncidentDetail | null>;
  risk: AsyncSlot<UserRiskScore[]>;
  thresholds: AsyncSlot<SecurityThresholds | null>;
  load(status: IncidentStatus | ''): Promise<void>;
  loadMore(): Promise<void>;
  open(incidentId: string | null): Promise<void>;
  move(incidentId: string, status: 'investigating' | 'resolved', note: string): Promise<void>;
  scan(): Promise<SecurityScanOutcome>;
  loadThresholds(): Promise<void>;
  saveThresholds(thresholds: SecurityThresholds): Promise<void>;
  reset(): void;
}

const NO_INCIDENTS: SecurityIncidentPage = { incidents: [], nextCursor: null };
const initial = {
  incidents: idleSlot(NO_INCIDENTS), loadingMore: false, status: '' as const,
  detail: idleSlot<SecurityIncidentDetail | null>(null), risk: idleSlot<UserRiskScore[]>([]),
  thresholds: idleSlot<SecurityThresholds | null>(null),
};

export const useSecurityStore = create<SecurityStore>()((set, get) => {
  const incidents = createSlotLoader(NO_INCIDENTS, () => get().incidents, (slot) => set({ incidents: slot }));
  const detail = createSlotLoader<SecurityIncidentDetail | null>(null, () => get().detail, (slot) => set({ detail: slot }));
  const risk = createSlotLoader<UserRiskScore[]>([], () => get().risk, (slot) => set({ risk: slot }));
  const thresholds = createSlotLoader<SecurityThresholds | null>(null, () => get().thresholds, (slot) => set({ thresholds: slot }));

  const reloadAll = async () => {
    const { status, detail: shown } = get();
    await Promise.all([
      incidents.load(() => api.invoke('security.incidents', { limit: PAGE_SIZE, ...(status ? { status } : {}) })),
      risk.load(() => api.invoke('security.riskScores', {})),
      shown.data ? detail.load(() => api.invoke('security.incident', { incidentId: shown.data?.id ?? '' })) : Promise.resolve(),
    ]);
  };

  return {
    ...initial,

    async load(status) {
      set({ status, loadingMore: false });
      await Promise.all([
        incidents.load(() => api.invoke('security.incidents', { limit: PAGE_SIZE, ...(status ? { status } : {}) })),
        risk.load(() => api.invoke('security.riskScores', {})),
      ]);
    },

    async loadMore() {
      const { incidents: held, status, loadingMore } = get();
      const cursor = held.data.nextCursor;
      if (cursor === null || loadingMore) return;
      const current = incidents.follow();
      set({ loadingMore: true });
      try {
        const page = await api.invoke('security.incidents', { limit: PAGE_SIZE, cursor, ...(status ? { status } : {}) });
        if (!current()) return;
        const { data } = get().incidents;
        set({ incidents: { ...get().incidents, data: { incidents: [...data.incidents, ...page.incidents], nextCursor: page.nextCursor } } });
      } catch (error) {
        if (current()) set({ incidents: { ...get().incidents, error: errorText(error) } });
      } finally {
        if (current()) set({ loadingMore: false });
      }
    },

    async open(incidentId) {
      if (incidentId === null) {
        detail.cancel();
        set({ detail: idleSlot(null) });
        return;
      }
      await detail.load(() => api.invoke('security.incident', { incidentId }));
    },

    async move(incidentId, status, note) {
      const current = sameSession();
      await api.invoke('security.updateIncident', { incidentId, status, ...(note.trim() ? { note: note.trim() } : {}) });
      if (current()) await reloadAll();
    },

    async scan() {
      const current = sameSession();
      const outcome = await api.invoke('security.scan', {});
      if (current()) await reloadAll();
      return outcome;
    },

    async loadThresholds() {
      await thresholds.load(() => api.invoke('security.thresholds', {}));
    },

    async saveThresholds(next) {
      const current = sameSession();
      const saved = await api.invoke('security.updateThresholds', next);
      if (current()) set({ thresholds: { status: 'ready', data: saved, error: null } });
    },

    reset() {
      thresholds.cancel();
      incidents.cancel();
      detail.cancel();
      risk.cancel();
      set(initial);
    },
  };
});

registerSessionStore('security', useSecurityStore, () => useSecurityStore.getState().reset());

// A scan that opened incidents raised alerts: main announces those, and this screen rereads with them.
whenDataChanges('alerts', async () => {
  const { incidents } = useSecurityStore.getState();
  if (incidents.status === 'idle') return;
  await useSecurityStore.getState().load(useSecurityStore.getState().status);
});
