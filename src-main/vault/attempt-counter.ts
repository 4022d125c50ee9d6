// Attempt counters kept in keyslots.json: an attempt is counted as failed before it is checked and
// forgiven only when it succeeds, so parallel guesses count one each and a crash mid-check still
// counts. Pure functions over the parsed file; the key slot store writes the result.
import { lockedUntilAfter, type LockoutPolicy } from './lockout';
import { MAX_UNKNOWN_NAMES, type KeySlotFile, type RecoverySlot } from './key-slot-file';

export interface AttemptCounter {
  failedAttempts: number;
  lockedUntil: number | null;
}

export type Reservation = { kind: 'locked'; until: number } | { kind: 'reserved'; lockedIfItFails: number | null };

/** Counts one more failure now, or reports the lock that refuses the attempt without counting it. */
export function reserveAttempt(counter: AttemptCounter, now: number, policy: LockoutPolicy): Reservation {
  if (counter.lockedUntil !== null && counter.lockedUntil > now) return { kind: 'locked', until: counter.lockedUntil };
  counter.failedAttempts += 1;
  counter.lockedUntil = lockedUntilAfter(counter.failedAttempts, now, policy);
  return { kind: 'reserved', lockedIfItFails: counter.lockedUntil };
}

/** The counter for a name with no slot, created (evicting the least recently tried) when new. */
export function unknownNameCounter(file: KeySlotFile, lookup: string, now: number): AttemptCounter {
  const found = file.unknownNames.find((n) => n.lookup === lookup);
  if (found) {
    found.lastAttemptAt = now;
    return found;
  }
  const entry = { lookup, lastAttemptAt: now, failedAttempts: 0, lockedUntil: null };
  const kept = [...file.unknownNames].sort((a, b) => b.lastAttemptAt - a.lastAttemptAt).slice(0, MAX_UNKNOWN_NAMES - 1);
  file.unknownNames = [...kept, entry];
  return entry;
}

/** Recovery-key callers are told apart by the kind of client; there are only a few kinds. */
const MAX_RECOVERY_SOURCES = 16;

export function recoverySourceCounter(slot: RecoverySlot, source: string): AttemptCounter {
  const found = slot.sourceThrottles.find((t) => t.source === source);
  if (found) return found;
  const entry = { source, failedAttempts: 0, lockedUntil: null };
  slot.sourceThrottles = [...slot.sourceThrottles.slice(-(MAX_RECOVERY_SOURCES - 1)), entry];
  return entry;
}

/** Removes one remembered failure time (an attempt that turned out to succeed). */
export function forgetOne(times: number[], at: number): number[] {
  const index = times.lastIndexOf(at);
  return index < 0 ? times : [...times.slice(0, index), ...times.slice(index + 1)];
}
