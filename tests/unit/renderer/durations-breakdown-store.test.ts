// The "Break down by" choice of the durations section: severity needs no call (the report has it);
// any other grouping is asked for once per report, and an answer for an earlier choice that arrives
// late never shows under the current one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DurationBreakdown, DurationGrouping } from '../../../src-shared/duration-breakdown-model';

const calls: Array<{ input: { by: DurationGrouping; from: string; to: string; timeZone: string }; resolve(value: unknown): void; reject(error: unknown): void }> = [];

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke: (_channel: string, input: { by: DurationGrouping; from: string; to: string; timeZone: string }) =>
      new Promise((resolve, reject) => {
        calls.push({ input, resolve, reject });
      }),
  },
  onEvent: () => () => undefined,
}));

const { useDurationsStore, breakdownKey } = await import('../../../src-renderer/features/analytics/durations-store');

const REPORT = { range: { from: '2026-03-01', to: '2026-03-30', timeZone: 'Europe/Paris' }, generatedAt: 1 };
const answer = (by: DurationGrouping): DurationBreakdown => ({
  range: REPORT.range, generatedAt: 2, by,
  triage: { kind: 'grouped', groups: [], other: null }, acknowledge: { kind: 'grouped', groups: [], other: null }, resolve: { kind: 'grouped', groups: [], other: null },
});

beforeEach(() => {
  calls.length = 0;
  useDurationsStore.getState().reset();
});

describe('the durations breakdown store', () => {
  it('asks nothing for severity, and asks for another grouping over the report\'s range', async () => {
    await useDurationsStore.getState().load(REPORT);
    expect(calls).toHaveLength(0);
    useDurationsStore.getState().choose('source');
    const loading = useDurationsStore.getState().load(REPORT);
    expect(calls.map((c) => c.input)).toEqual([{ from: '2026-03-01', to: '2026-03-30', timeZone: 'Europe/Paris', by: 'source' }]);
    calls[0]?.resolve(answer('source'));
    await loading;
    expect(useDurationsStore.getState().breakdown.data?.by).toBe('source');
    // The same grouping for the same report is not asked again.
    await useDurationsStore.getState().load(REPORT);
    expect(calls).toHaveLength(1);
  });

  it('drops the answer for source when it arrives after the user chose assignee', async () => {
    useDurationsStore.getState().choose('source');
    const first = useDurationsStore.getState().load(REPORT);
    useDurationsStore.getState().choose('assignee');
    const second = useDurationsStore.getState().load(REPORT);
    calls[1]?.resolve(answer('assignee'));
    await second;
    calls[0]?.resolve(answer('source'));
    await first;
    const state = useDurationsStore.getState();
    expect(state.breakdown.data?.by).toBe('assignee');
    expect(state.answered).toBe(breakdownKey('assignee', REPORT));
  });

  it('asks again when the report is refreshed, and after a failure only when asked to retry', async () => {
    useDurationsStore.getState().choose('template');
    const failing = useDurationsStore.getState().load(REPORT);
    calls[0]?.reject(new Error('worker gone'));
    await failing;
    expect(useDurationsStore.getState().breakdown).toMatchObject({ status: 'failed', data: null });
    await useDurationsStore.getState().load(REPORT);
    expect(calls).toHaveLength(1);
    const retrying = useDurationsStore.getState().retry(REPORT);
    calls[1]?.resolve(answer('template'));
    await retrying;
    expect(useDurationsStore.getState().breakdown.status).toBe('ready');
    void useDurationsStore.getState().load({ ...REPORT, generatedAt: 3 });
    expect(calls).toHaveLength(3);
  });
});
