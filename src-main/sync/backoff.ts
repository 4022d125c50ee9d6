// Retry delays for a sync that could not reach the server (offline, 5xx, 429): exponential with
// "full jitter" (a uniform draw between 0 and the exponential cap), so many devices coming back
// after an outage do not hit the server in step. A `Retry-After` from the server is a floor.
// Reset after a round that succeeded.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

export class Backoff {
  private failures = 0;

  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF, private readonly random: () => number = Math.random) {}

  /** The cap of the next delay: base·2^failures, at most max. */
  ceiling(): number {
    return Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** this.failures);
  }

  /** The delay before the next attempt after one more failure; at least `retryAfterMs` when the server named one. */
  next(retryAfterMs: number | null = null): number {
    const jittered = Math.floor(this.random() * this.ceiling());
    this.failures += 1;
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
