// Staffing and workload over hand-computed fixtures: decisions per analyst-day, the analysts a
// forecast needs at that pace, and each person's open work and decisions, listed by name.
import { describe, expect, it } from 'vitest';
import { staffingEstimate, workload } from '../../../src-main/analytics/staffing';
import type { DecisionEvent } from '../../../src-main/analytics/overview-queries';
import type { ForecastPoint, VolumeForecast } from '../../../src-shared/analytics-model';

const DAY = 86_400_000;
const H = 3_600_000;
const START = Date.UTC(2026, 2, 2);
const DAYS = [0, 1, 2].map((i) => ({ date: `2026-03-0${2 + i}`, start: START + i * DAY, end: START + (i + 1) * DAY }));

const point = (mean: number): ForecastPoint => ({ date: '2026-03-05', mean, lower80: mean, upper80: mean, lower95: mean, upper95: mean });
const forecastOf = (means: number[]): VolumeForecast => ({
  kind: 'forecast', model: 'seasonal-naive', reason: 'too-short-to-backtest', historyDays: 30, points: means.map(point),
  backtest: { origins: 0, holtWinters: { mase: null, coverage80: null, coverage95: null }, seasonalNaive: { mase: null, coverage80: null, coverage95: null } },
});

// Bea: 30 verdicts (one bulk of 20, one of 10) on day 1 and a close on day 2 → 2 analyst-days.
// Al: 9 verdicts on day 1 → 1 analyst-day. Outside the range: ignored.
const EVENTS: DecisionEvent[] = [
  { userId: 'bea', at: START + 9 * H, kind: 'alert-verdict', count: 20 },
  { userId: 'bea', at: START + 15 * H, kind: 'alert-verdict', count: 10 },
  { userId: 'bea', at: START + DAY + 10 * H, kind: 'investigation-resolution', count: 1 },
  { userId: 'al', at: START + 11 * H, kind: 'alert-verdict', count: 9 },
  { userId: 'al', at: START + 3 * DAY + H, kind: 'alert-verdict', count: 100 },
];

describe('staffing estimate', () => {
  it('divides the forecast per day by the decisions per analyst-day, with every input shown', () => {
    // 40 decisions over 3 analyst-days = 13.33…; forecast 100 alerts + 4 investigations a day → 7.8 analysts.
    const estimate = staffingEstimate(EVENTS, DAYS, { alerts: forecastOf([90, 110]), investigations: forecastOf([4, 4]) });
    expect(estimate).toMatchObject({
      decisions: 40, alertVerdicts: 39, investigationResolutions: 1, analysts: 2, analystDays: 3,
      forecastAlertsPerDay: 100, forecastInvestigationsPerDay: 4, missing: [],
    });
    expect(estimate.throughputPerAnalystDay).toBeCloseTo(40 / 3, 10);
    expect(estimate.analystsNeeded).toBeCloseTo(104 / (40 / 3), 10);
  });

  it('gives no estimate, and says why, without decisions or without a forecast', () => {
    const noForecast: VolumeForecast = { kind: 'insufficient-history', days: 3, requiredDays: 21 };
    const nobody = staffingEstimate([], DAYS, { alerts: forecastOf([10]), investigations: noForecast });
    expect(nobody).toMatchObject({ decisions: 0, analystDays: 0, throughputPerAnalystDay: null, analystsNeeded: null, missing: ['no-decisions'] });
    const blind = staffingEstimate(EVENTS, DAYS, { alerts: noForecast, investigations: noForecast });
    expect(blind).toMatchObject({ forecastAlertsPerDay: null, analystsNeeded: null, missing: ['no-forecast'] });
  });
});

describe('workload', () => {
  it('lists everyone with open work or decisions alphabetically, never by volume', () => {
    const names = new Map([['bea', 'Bea Chen'], ['al', 'Al Diaz'], ['cy', 'Cy Ames']]);
    const rows = workload(EVENTS, DAYS, new Map([['cy', 3], ['bea', 2]]), names);
    expect(rows.map((r) => [r.displayName, r.openAssigned, r.decisions, r.alertVerdicts, r.investigationResolutions])).toEqual([
      ['Al Diaz', 0, 9, 9, 0],
      ['Bea Chen', 2, 31, 30, 1],
      ['Cy Ames', 3, 0, 0, 0],
    ]);
  });
});
