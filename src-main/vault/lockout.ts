// Lockout after repeated failures: free attempts first, then a delay that doubles with each further
// failure, capped. Pure, so the policy is tested with plain numbers. It lives in the vault beside
// the counters it reads (attempt-counter.ts, kept in keyslots.json), below the sign-in service.

export interface LockoutPolicy {
  freeAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { freeAttempts: 5, firstDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

/** When the account unlocks after `failedAttempts` consecutive failures, or null when it is not locked. */
export function lockedUntilAfter(failedAttempts: number, lastFailureAt: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): number | null {
  if (failedAttempts < policy.freeAttempts) return null;
  const doublings = Math.min(failedAttempts - policy.freeAttempts, 30);
  return lastFailureAt + Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}
