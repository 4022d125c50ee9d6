// One investigation's life read from its append-only status log (never from updated_at, which any
// edit moves): when it was opened, first acknowledged (its first move out of open), first resolved
// and finally resolved, and how often it was reopened. A reopened case keeps its first resolution
// and, once closed again, gets a final one; while reopened it has no final resolution and counts as
// open. docs/METRICS.md gives the definitions the screens show beside each number.
import type { InvestigationStatus } from './workspace-model';

export interface StatusMove {
  at: number;
  /** null for the creation row. */
  from: InvestigationStatus | null;
  to: InvestigationStatus;
}

export interface CaseLifecycle {
  openedAt: number;
  /** First move out of open (to in progress, pending or closed). */
  acknowledgedAt: number | null;
  /** First move to closed. */
  firstResolvedAt: number | null;
  /** The resolution standing now: the last move to closed, when the case is closed; else null. */
  resolvedAt: number | null;
  /** Moves from closed back to open. */
  reopenCount: number;
  /** Whether the case is open (not closed) at the end of the log. */
  open: boolean;
  /** Each stretch it was open: from its opening (or a reopening) to the close that ended it; null while open. */
  stretches: Array<{ from: number; to: number | null }>;
}

/**
 * Reads a log in the order it was written (by time, then insertion). `resolvedAtFromSource`: an
 * imported case's own resolution time (a ServiceNow resolved_at differs from its closed_at), used
 * as the final resolution when the case is closed.
 */
export function caseLifecycle(moves: readonly StatusMove[], resolvedAtFromSource: number | null = null): CaseLifecycle | null {
  const first = moves[0];
  if (!first) return null;
  let acknowledgedAt: number | null = null;
  let firstResolvedAt: number | null = null;
  let lastClosedAt: number | null = null;
  let reopenCount = 0;
  let status: InvestigationStatus = first.to;
  const stretches: Array<{ from: number; to: number | null }> = [];
  if (first.to !== 'open') acknowledgedAt = first.at;
  if (first.to === 'closed') firstResolvedAt = lastClosedAt = first.at;
  else stretches.push({ from: first.at, to: null });
  for (const move of moves.slice(1)) {
    if (acknowledgedAt === null && move.from === 'open' && move.to !== 'open') acknowledgedAt = move.at;
    if (move.to === 'closed' && move.from !== 'closed') {
      firstResolvedAt ??= move.at;
      lastClosedAt = move.at;
      const current = stretches[stretches.length - 1];
      if (current) current.to = move.at;
    }
    if (move.from === 'closed' && move.to !== 'closed') {
      reopenCount += 1;
      stretches.push({ from: move.at, to: null });
    }
    status = move.to;
  }
  const closed = status === 'closed';
  const resolvedAt = closed ? (resolvedAtFromSource ?? lastClosedAt) : null;
  // The source's resolution time ends the last stretch, as it is the resolution that counts.
  const last = stretches[stretches.length - 1];
  if (closed && last && resolvedAtFromSource !== null) last.to = resolvedAtFromSource;
  return {
    openedAt: first.at,
    acknowledgedAt,
    firstResolvedAt: reopenCount === 0 && closed ? resolvedAt : firstResolvedAt,
    resolvedAt,
    reopenCount,
    open: !closed,
    stretches,
  };
}

/** Time to acknowledge and to resolve, in ms; null while it has not happened. */
export function caseDurations(life: CaseLifecycle): { toAcknowledgeMs: number | null; toResolveMs: number | null } {
  return {
    toAcknowledgeMs: life.acknowledgedAt === null ? null : life.acknowledgedAt - life.openedAt,
    toResolveMs: life.resolvedAt === null ? null : life.resolvedAt - life.openedAt,
  };
}
