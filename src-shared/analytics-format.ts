// How the analytics screen and the printed analytics report write durations and shares: one rule for
// both, and what was not measured is '—', never 0.

const DAY = 86_400_000;

/** A duration as a lead reads it: minutes under an hour, hours under two days, then days. */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * DAY) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} d`;
}

/** A share with one decimal. */
export const formatShare = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

/** A rate or an expected count with one decimal; '—' when it could not be measured. */
export const formatTenths = (value: number | null): string => (value === null ? '—' : (Math.round(value * 10) / 10).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
