import { describe, expect, it } from 'vitest';
import { describeCron, SCHEDULE_PRESETS } from '../../../src-renderer/features/backups/cron-hint';

describe('the schedule field reads a cron expression back in words', () => {
  it.each([
    ['0 */6 * * *', 'Every 6 hours, on the hour'],
    ['15 * * * *', 'Every hour, at 15 minutes past'],
    ['0 2 * * *', 'Every day at 02:00'],
    ['30 2,14 * * *', 'Every day at 02:30 and 14:30'],
    ['0 18 * * 1-5', 'At 18:00, Monday to Friday'],
    ['0 3 * * 0', 'At 03:00, on Sunday'],
    ['0 3 * * 6,0', 'At 03:00, on Saturday and Sunday'],
    ['0 4 1 * *', 'At 04:00, on the 1st of every month'],
    ['0 4 1,15 * *', 'At 04:00, on the 1st and 15th of every month'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['* * * * *', 'Every minute'],
    ['  0   2 * * *  ', 'Every day at 02:00'],
  ])('%s → %s', (expression, words) => {
    expect(describeCron(expression)).toBe(words);
  });

  it.each([
    ['0 2 * 6 *', 'a month field'],
    ['0 25 * * *', 'an hour out of range'],
    ['61 * * * *', 'a minute out of range'],
    ['0 2 * *', 'four fields'],
    ['0 0 2 * * *', 'six fields (seconds)'],
    ['0 2 1 * 1', 'both day of month and day of week'],
    ['@daily', 'a nickname'],
    ['', 'nothing'],
  ])('gives no words rather than wrong ones for %s (%s)', (expression) => {
    expect(describeCron(expression)).toBeNull();
  });

  it('describes every preset it offers', () => {
    for (const preset of SCHEDULE_PRESETS) expect(describeCron(preset.expression), preset.expression).not.toBeNull();
  });
});
