// Service levels as people write them: a number of hours ("4", "1.5"), or with a unit ("30 min",
// "4 h", "3 d"); and back, in the largest unit that says the value exactly (days from two on: a
// team says "24 h", not "1 d").
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: ReadonlyArray<{ words: readonly string[]; ms: number }> = [
  { words: ['m', 'min', 'mins', 'minute', 'minutes'], ms: MINUTE },
  { words: ['h', 'hr', 'hrs', 'hour', 'hours'], ms: HOUR },
  { words: ['d', 'day', 'days'], ms: DAY },
];

/** Milliseconds, whole minutes at least; null when the text is not a duration. */
export function parseDurationText(text: string): number | null {
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!match?.[1]) return null;
  const amount = Number(match[1].replace(',', '.'));
  const word = (match[2] ?? '').toLowerCase();
  const unit = word === '' ? HOUR : UNITS.find((u) => u.words.includes(word))?.ms;
  if (unit === undefined || !Number.isFinite(amount)) return null;
  // Rounded to the minute: "0.1 h" is 6 min, not 360,000.000001 ms.
  return Math.round((amount * unit) / MINUTE) * MINUTE;
}

export function formatDurationText(ms: number): string {
  if (ms === 0) return '0 h';
  if (ms % DAY === 0 && ms >= 2 * DAY) return `${ms / DAY} d`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  return `${Math.round(ms / MINUTE)} min`;
}
