// What a health check is: a measurement of real state (a file's size, the disk, the backup folder,
// the audit chain) with the evidence a person reads, on a schedule of its own. Levels are not the
// check's business: health-evaluator.ts decides them from the thresholds.
import type { HealthCheckId } from '../../src-shared/health-model';
import type { Measurement } from './health-evaluator';

export interface HealthCheck {
  id: HealthCheckId;
  /** How often the monitor runs it. */
  everyMs: number;
  /** Small, or awaiting work done elsewhere (a worker, the disk): the sweep must keep the event loop free. */
  measure(): Promise<Measurement> | Measurement;
  /**
   * When what the check reads is next measured, when that is not the monitor's own schedule (the
   * nightly integrity check): shown as the panel's "next run".
   */
  measuredNextAt?(): number | null;
}

export const MIB = 1024 * 1024;

export function mib(bytes: number): string {
  return bytes >= 1024 * MIB ? `${(bytes / 1024 / MIB).toFixed(2)} GiB` : `${(bytes / MIB).toFixed(1)} MiB`;
}

export function duration(ms: number): string {
  const hours = ms / 3_600_000;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (hours < 1) return `${Math.round(ms / 60_000)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** The same number rounded for storage and display (evidence keeps the exact figures). */
export function rounded(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
