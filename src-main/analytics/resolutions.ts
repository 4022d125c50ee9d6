// How the range's work ended: the investigations resolved in it, per resolution and per local day,
// and the verdicts standing now of the alerts that occurred in it (docs/METRICS.md, "Resolutions").
import { RESOLUTIONS } from '../../src-shared/workspace-model';
import type { AlertVerdicts, ResolutionKey, ResolutionReport } from '../../src-shared/analytics-model';
import type { ResolvedCount, RuleCounts } from './analytics-queries';

/** The chart's stacking order: the recorded resolutions, then the cases closed without one. */
export const RESOLUTION_KEYS: readonly ResolutionKey[] = [...RESOLUTIONS, 'not_recorded'];

function noResolutions(): Record<ResolutionKey, number> {
  return Object.fromEntries(RESOLUTION_KEYS.map((key) => [key, 0])) as Record<ResolutionKey, number>;
}

/**
 * The rules' counts summed over every source and rule; `acknowledged` (counted apart) splits their
 * `other` into acknowledged and dismissed for another reason.
 */
export function alertVerdicts(rules: readonly RuleCounts[], acknowledged: number): AlertVerdicts {
  const sum = (pick: (r: RuleCounts) => number) => rules.reduce((total, r) => total + pick(r), 0);
  return {
    promoted: sum((r) => r.promoted), falsePositive: sum((r) => r.falsePositive), dismissedOther: sum((r) => r.other) - acknowledged,
    acknowledged, untriaged: sum((r) => r.untriaged),
  };
}

/** `counts` index the dates as `dates` lists them. */
export function resolutionReport(dates: readonly string[], counts: readonly ResolvedCount[], alertVerdicts: AlertVerdicts): ResolutionReport {
  const perDay = dates.map((date) => ({ date, counts: noResolutions() }));
  const byResolution = noResolutions();
  let resolved = 0;
  for (const { day, resolution, n } of counts) {
    const key: ResolutionKey = resolution ?? 'not_recorded';
    const slot = perDay[day];
    if (!slot) continue;
    slot.counts[key] += n;
    byResolution[key] += n;
    resolved += n;
  }
  return { resolved, byResolution, perDay, alertVerdicts };
}
