// The words that say which forecast is shown, why, and how well it did on its backtest: one wording
// for the analytics screen and the printed analytics report, so the two cannot drift apart.
import type { VolumeForecast } from './analytics-model';
import { formatShare } from './analytics-format';

/** The note in three parts, so a screen can set the model's name apart (bold); `model` is null without a forecast. */
export interface ForecastNoteParts {
  before: string;
  model: string | null;
  after: string;
}

export function forecastNote(forecast: VolumeForecast, what: string): ForecastNoteParts {
  if (forecast.kind === 'insufficient-history') {
    return { before: `No forecast of ${what}: ${forecast.days} days of history, ${forecast.requiredDays} needed.`, model: null, after: '' };
  }
  const { holtWinters, seasonalNaive, origins } = forecast.backtest;
  const mase = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const shown = forecast.model === 'holt-winters' ? 'Holt-Winters (weekly seasonality)' : 'Seasonal naive (same day last week)';
  const why = forecast.reason === 'model-beats-baseline' ? 'it beat seasonal naive on its backtest'
    : forecast.reason === 'model-does-not-beat-baseline' ? 'Holt-Winters did not beat it on the backtest'
      : forecast.reason === 'too-short-to-backtest' ? 'too little history to backtest a model' : 'the history repeats exactly every week';
  return {
    before: `Forecast of ${what}, next ${forecast.points.length} days: `,
    model: shown,
    after: `, because ${why}. Backtest over ${origins} origins: `
      + `MASE ${mase(holtWinters.mase)} Holt-Winters vs ${mase(seasonalNaive.mase)} seasonal naive (below 1 beats last week); `
      + `80 % / 95 % intervals held ${formatShare(holtWinters.coverage80)} / ${formatShare(holtWinters.coverage95)} `
      + `vs ${formatShare(seasonalNaive.coverage80)} / ${formatShare(seasonalNaive.coverage95)}.`,
  };
}

/** The note as one line of text. */
export function forecastNoteText(forecast: VolumeForecast, what: string): string {
  const note = forecastNote(forecast, what);
  return `${note.before}${note.model ?? ''}${note.after}`;
}
