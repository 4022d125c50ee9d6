// The app-wide health banner's store: open error and critical alerts, for everyone signed in.
// Read when the layout mounts and again whenever main announces the 'health' topic.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import { whenDataChanges } from '../../kit/live-data';
import { sameSession } from '../../kit/async-slot';
import type { HealthBanner } from '../../../src-shared/health-model';
import { showHealthOnDesktop } from './desktop-notice';

/** An alert at a level: a new one, or an escalation, is told on the desktop once per window. */
const keyOf = (alert: HealthBanner['alerts'][number]) => `${alert.check}:${alert.level}:${alert.firedAt}`;

interface HealthBannerStore {
  alerts: HealthBanner['alerts'];
  load(): Promise<void>;
  reset(): void;
}

export const useHealthBannerStore = create<HealthBannerStore>()((set, get) => ({
  alerts: [],
  async load() {
    const current = sameSession();
    const banner = await api.invoke('health.banner', {});
    if (!current()) return;
    const known = new Set(get().alerts.map(keyOf));
    for (const alert of banner.alerts) if (!known.has(keyOf(alert))) showHealthOnDesktop(alert);
    set({ alerts: banner.alerts });
  },
  reset() {
    set({ alerts: [] });
  },
}));

registerSessionStore('health-banner', useHealthBannerStore);
whenDataChanges('health', () => useHealthBannerStore.getState().load());
