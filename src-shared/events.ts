// Server-pushed events: one typed map for both transports.
import type { SessionView } from './model';
import type { SyncStatus } from './sync-contract';

/** What a `data.changed` event says changed: every window holding it reads it again. */
export type DataTopic = 'sla-policy' | 'alerts' | 'investigations' | 'approvals' | 'health';

/**
 * One announcement of a change. `investigationIds`, on the 'investigations' topic, names the cases
 * touched so an open investigation rereads only when it is its own; absent: any may have changed.
 * Ids only: never titles or other data, which each window reads through its own session's rights.
 */
export interface DataChange {
  topic: DataTopic;
  investigationIds?: readonly string[];
}

/**
 * How far the upgrade of the vault to this version's schema has got (see store/migrate.ts): sent to
 * every window, signed in or not, while the first unlock after an update converts the vault. `done`
 * of `total` is the upgrade's share of work finished (thousandths: a migration that reports its own
 * steps moves it inside its share); it ends at `total` once the new format is committed.
 */
export interface VaultUpgradeProgress {
  fromVersion: number;
  toVersion: number;
  done: number;
  total: number;
  /** Set on the last event of an upgrade that failed (the vault is unchanged): the screens stop showing it. */
  failed?: boolean;
}

export interface EventMap {
  /** The caller's session changed state (locked, expired, ended by an admin); null when it ended. */
  'session.changed': SessionView | null;
  'job.progress': { jobId: string; label: string; done: number; total: number | null };
  notification: { level: 'info' | 'warning' | 'error'; message: string };
  /** Something every window may hold changed in the vault (no data: a window rereads what it needs, through its own session's rights). */
  'data.changed': DataChange;
  /** The caller's notifications changed (a new one, or read elsewhere): the bell reads its count again. */
  'notifications.changed': { unread: number };
  /** The vault is being upgraded before it opens; a sign-in or unlock waits for it. Carries nothing from the vault. */
  'vault.upgrading': VaultUpgradeProgress;
  /** The sync client's status changed (the indicator on every screen). No vault data. */
  'sync.status': SyncStatus;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'session.changed', 'job.progress', 'notification', 'data.changed', 'notifications.changed', 'vault.upgrading', 'sync.status',
];

/** How a call was made. */
export interface InvokeOptions {
  /**
   * Made by the window on its own (a reread main's announcement caused), not by the person: it
   * does not count as activity, or a busy team's changes would keep an unattended window from its
   * idle lock.
   */
  background?: boolean;
}

/** The surface the preload (or the browser-mode client) exposes to the renderer: exactly two functions. */
export interface VigilBridge {
  invoke(channel: string, input: unknown, options?: InvokeOptions): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
