// Pulled evidence whose file the server does not hold complete yet: its uploader has not sent it (a
// laptop offline for days), or it is not this member's to read. Every round asking about each one
// would cost the server a call per file per minute for as long as that lasts, so the runner's own
// rounds ask about such a file again only after a wait that doubles with each miss (from WAIT_BASE_MS
// to WAIT_MAX_MS). A round the analyst starts (Sync now) asks about every file at once. Kept in
// memory: a restart asks about each again.

export const WAIT_BASE_MS = 2 * 60_000;
export const WAIT_MAX_MS = 15 * 60_000;

export class WaitingFiles {
  private readonly waits = new Map<string, { misses: number; askAgainAt: number }>();

  /** Whether a scheduled round may ask the server about the evidence's file now. */
  due(evidenceId: string, now: number): boolean {
    const wait = this.waits.get(evidenceId);
    return wait === undefined || now >= wait.askAgainAt;
  }

  /** The server did not hold the file complete: the next scheduled ask waits longer. */
  missed(evidenceId: string, now: number): void {
    const misses = (this.waits.get(evidenceId)?.misses ?? 0) + 1;
    this.waits.set(evidenceId, { misses, askAgainAt: now + Math.min(WAIT_MAX_MS, WAIT_BASE_MS * 2 ** (misses - 1)) });
  }

  /** The file is here now, or its evidence is no longer waited for: forgotten. */
  forget(evidenceId: string): void {
    this.waits.delete(evidenceId);
  }

  /** Keeps only the evidence still waited for (a round's list of files the vault lacks). */
  keepOnly(evidenceIds: ReadonlySet<string>): void {
    for (const evidenceId of this.waits.keys()) if (!evidenceIds.has(evidenceId)) this.waits.delete(evidenceId);
  }
}
