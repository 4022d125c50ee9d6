// The installation's health (issue 14): what each check measures, the levels it can reach, the
// thresholds that fire and clear them, and what the panel, the banner and `vigil health` show.
// Shared by main (which measures and judges) and the renderer (which shows).

/** Levels in rising order; `ok` is no alert. */
export const HEALTH_LEVELS = ['ok', 'info', 'warning', 'error', 'critical'] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];
/** The levels an alert can be raised at. */
export const ALERT_LEVELS = ['info', 'warning', 'error', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export function levelRank(level: HealthLevel): number {
  return HEALTH_LEVELS.indexOf(level);
}

/** The panel's three colours: green (ok, info), amber (warning), red (error, critical). Always shown with the level's word. */
export type HealthColour = 'green' | 'amber' | 'red';
export function colourOf(level: HealthLevel): HealthColour {
  if (level === 'error' || level === 'critical') return 'red';
  return level === 'warning' ? 'amber' : 'green';
}

/** Levels that tell people at once (a desktop notification and the app-wide banner). */
export function isUrgent(level: HealthLevel): boolean {
  return level === 'error' || level === 'critical';
}

export const HEALTH_CHECK_IDS = [
  'wal-size', 'free-disk-vault', 'free-disk-backups', 'backup-age', 'vault-structure', 'audit-chain', 'memory', 'event-loop-lag', 'failed-jobs',
] as const;
export type HealthCheckId = (typeof HEALTH_CHECK_IDS)[number];

/**
 * One level's thresholds. With direction `above` the level holds while value ≥ fire and lets go
 * once value < clear (clear ≤ fire); with `below` it holds while value ≤ fire and lets go once
 * value > clear (clear ≥ fire). The gap between the two is what keeps a value hovering at the
 * threshold from firing and clearing on every run.
 */
export interface LevelThreshold {
  fire: number;
  clear: number;
}

export interface CheckPolicy {
  direction: 'above' | 'below';
  levels: Partial<Record<AlertLevel, LevelThreshold>>;
  /** How long a condition must hold before an alert fires (a blip shorter than this never fires). */
  pendingMs: number;
  /** How long after a notification the same alert at the same level may notify again. */
  cooldownMs: number;
}

export type HealthPolicy = Record<HealthCheckId, CheckPolicy>;

export type HealthAlertStatus = 'firing' | 'acknowledged' | 'resolved';

export interface HealthAlert {
  id: string;
  check: HealthCheckId;
  level: AlertLevel;
  status: HealthAlertStatus;
  firedAt: number;
  lastNotifiedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  lastValue: number | null;
  message: string;
}

export interface HealthCheckStatus {
  check: HealthCheckId;
  label: string;
  unit: string;
  /** The level the check stands at: its open alert's, or ok. */
  level: HealthLevel;
  colour: HealthColour;
  value: number | null;
  evidence: string;
  lastRunAt: number | null;
  nextRunAt: number | null;
  /** A condition holding but not yet for the pending period: the level it would fire at, and since when. */
  pending: { level: AlertLevel; since: number } | null;
  alert: HealthAlert | null;
}

export interface HealthStatus {
  checks: HealthCheckStatus[];
  /** The highest level of any check. */
  overall: HealthLevel;
  checkedAt: number | null;
}

export type HealthTransitionKind = 'pending' | 'pending_cleared' | 'fired' | 'escalated' | 'downgraded' | 'renotified' | 'acknowledged' | 'resolved';

export interface HealthHistoryEntry {
  id: number;
  at: number;
  check: HealthCheckId;
  alertId: string | null;
  kind: HealthTransitionKind;
  level: HealthLevel;
  value: number | null;
  /** Who acknowledged or resolved by hand; null for the monitor's own transitions. */
  actor: string | null;
  note: string;
}

export interface HealthHistoryPage {
  entries: HealthHistoryEntry[];
  /** Pass as `beforeId` for the next (older) page; null at the end. */
  nextBeforeId: number | null;
}

/** What every signed-in person sees: the open error and critical alerts, worded for anyone. */
export interface HealthBanner {
  alerts: { check: HealthCheckId; label: string; level: AlertLevel; message: string; firedAt: number }[];
}
