// How a staffing estimate is qualified in words: why there is none, and when the pace it rests on was
// measured over too few analyst-days to say much. One wording for Home and the analytics screen.
import type { StaffingEstimate } from './analytics-model';

/** Below this many analyst-days the pace measured says little; the estimate is shown as rough. */
export const ROUGH_BELOW_ANALYST_DAYS = 10;

export function isRoughEstimate(staffing: StaffingEstimate): boolean {
  return staffing.analystsNeeded !== null && staffing.analystDays < ROUGH_BELOW_ANALYST_DAYS;
}

const MISSING_REASON: Record<StaffingEstimate['missing'][number], string> = {
  'no-forecast': 'no forecast yet',
  'no-decisions': 'no decisions by a person in these days (verdicts and closes made in Vigil count; imported ones have no actor)',
};

/** "No estimate: …." with every reason, for an estimate that could not be computed. */
export function staffingMissingText(missing: StaffingEstimate['missing']): string {
  return `No estimate: ${missing.map((m) => MISSING_REASON[m]).join('; ')}.`;
}
