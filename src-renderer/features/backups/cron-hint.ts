// A cron expression read back in words ("Every 6 hours, on the hour"), so an admin sees what they
// typed means before saving. Covers the shapes people write for backups; anything else returns null
// and the screen falls back to the next run time the server computes (croner, local time).

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const NUMBER = /^\d{1,2}$/;
const STEP = /^\*\/(\d{1,2})$/;

const pad = (value: number) => String(value).padStart(2, '0');

function inRange(text: string, min: number, max: number): number | null {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

function list(text: string, min: number, max: number): number[] | null {
  const values = text.split(',').map((part) => inRange(part, min, max));
  return values.every((value): value is number => value !== null) ? values : null;
}

function joinWords(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th'}`;
}

/** "on Monday", "Monday to Friday", "on Saturday and Sunday"; null when not a shape we read. */
function weekdays(field: string): string | null {
  if (field === '*') return '';
  const range = /^(\d)-(\d)$/.exec(field);
  if (range) {
    const from = Number(range[1]) % 7;
    const to = Number(range[2]) % 7;
    if (Number(range[1]) > 7 || Number(range[2]) > 7) return null;
    return `${DAYS[from]} to ${DAYS[to]}`;
  }
  const days = list(field, 0, 7);
  return days ? `on ${joinWords(days.map((day) => DAYS[day % 7] ?? ''))}` : null;
}

/** When in the day: "at 02:30", "at 02:00 and 14:00", "every hour at :15", "every 6 hours, on the hour". */
function timeOfDay(minuteField: string, hourField: string): string | null {
  const minute = inRange(minuteField, 0, 59);
  if (minute === null) return null;
  const atMinute = minute === 0 ? 'on the hour' : `at ${pad(minute)} minutes past`;
  if (hourField === '*') return `every hour, ${atMinute}`;
  const step = STEP.exec(hourField);
  if (step) {
    const every = Number(step[1]);
    if (every < 1 || every > 23) return null;
    return every === 1 ? `every hour, ${atMinute}` : `every ${every} hours, ${atMinute}`;
  }
  const hours = list(hourField, 0, 23);
  return hours ? `at ${joinWords(hours.map((hour) => `${pad(hour)}:${pad(minute)}`))}` : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The expression in words, or null when it is not one of the common shapes (it may still be valid). */
export function describeCron(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = ''] = fields;
  if (month !== '*') return null;

  if (hour === '*' && dayOfMonth === '*' && dayOfWeek === '*') {
    if (minute === '*') return 'Every minute';
    const step = STEP.exec(minute);
    if (step) {
      const every = Number(step[1]);
      return every >= 1 && every <= 59 ? (every === 1 ? 'Every minute' : `Every ${every} minutes`) : null;
    }
  }

  const when = timeOfDay(minute, hour);
  if (!when) return null;
  const days = weekdays(dayOfWeek);
  if (days === null) return null;

  if (dayOfMonth !== '*') {
    const dates = list(dayOfMonth, 1, 31);
    if (!dates || dayOfWeek !== '*') return null;
    return `${capitalise(when)}, on the ${joinWords(dates.map(ordinal))} of every month`;
  }
  if (days === '') return hour.includes('*') ? capitalise(when) : `Every day ${when}`;
  return `${capitalise(when)}, ${days}`;
}

/** Presets offered beside the field: the usual choices for a vault. */
export const SCHEDULE_PRESETS: readonly { label: string; expression: string }[] = [
  { label: 'Every 6 hours', expression: '0 */6 * * *' },
  { label: 'Every hour', expression: '0 * * * *' },
  { label: 'Daily at 02:00', expression: '0 2 * * *' },
  { label: 'Weekdays at 18:00', expression: '0 18 * * 1-5' },
  { label: 'Weekly, Sunday 03:00', expression: '0 3 * * 0' },
];
