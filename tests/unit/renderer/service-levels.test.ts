// The renderer's service levels: read once per sign-in and shared, replaced by what an admin saves,
// forgotten when the session leaves; and the Settings form's text ("4", "30 min", "3 d") turned
// into the policy main accepts, with a message beside each field that is out of bounds.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../src-shared/sla';

const calls: Array<{ channel: string; input: unknown; resolve: (value: unknown) => void }> = [];
const listeners = new Map<string, (payload: unknown) => void>();

vi.mock('../../../src-renderer/api/client', () => ({
  api: { invoke: (channel: string, input: unknown) => new Promise((resolve) => calls.push({ channel, input, resolve })) },
  onEvent: (event: string, listener: (payload: unknown) => void) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  },
}));

const { useSlaPolicyStore } = await import('../../../src-renderer/features/service-levels/store');
const { resetSessionStores } = await import('../../../src-renderer/kit/session-scoped-stores');
const { parseDurationText, formatDurationText } = await import('../../../src-renderer/features/service-levels/duration-text');
const { checkPolicyDrafts, draftsOf } = await import('../../../src-renderer/features/service-levels/policy-form');

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const SAVED: SlaPolicy = { targetsMs: { critical: 2 * H, high: 12 * H, medium: 2 * D, low: 5 * D }, atRiskWindowMs: 90 * MIN };

beforeEach(() => {
  calls.length = 0;
  useSlaPolicyStore.getState().reset();
});

describe('the service-levels store', () => {
  it('reads the policy once, however many screens ask', async () => {
    const first = useSlaPolicyStore.getState().ensureLoaded();
    void useSlaPolicyStore.getState().ensureLoaded();
    expect(calls.map((c) => c.channel)).toEqual(['sla.getPolicy']);
    calls[0]?.resolve(SAVED);
    await first;
    await useSlaPolicyStore.getState().ensureLoaded();
    expect(calls).toHaveLength(1);
    expect(useSlaPolicyStore.getState().policy).toEqual({ status: 'ready', data: SAVED, error: null });
  });

  it('holds what an admin saved, over a read still on its way', async () => {
    const reading = useSlaPolicyStore.getState().ensureLoaded();
    const saving = useSlaPolicyStore.getState().update(SAVED);
    calls.find((c) => c.channel === 'sla.updatePolicy')?.resolve(SAVED);
    await saving;
    calls.find((c) => c.channel === 'sla.getPolicy')?.resolve(DEFAULT_SLA_POLICY);
    await reading;
    expect(useSlaPolicyStore.getState().policy.data).toEqual(SAVED);
  });

  it('forgets the policy when the session leaves, so the next sign-in reads it again', async () => {
    const reading = useSlaPolicyStore.getState().ensureLoaded();
    calls[0]?.resolve(SAVED);
    await reading;
    resetSessionStores();
    expect(useSlaPolicyStore.getState().policy).toEqual({ status: 'idle', data: null, error: null });
    void useSlaPolicyStore.getState().ensureLoaded();
    expect(calls.filter((c) => c.channel === 'sla.getPolicy')).toHaveLength(2);
  });
});

describe('durations as people write them', () => {
  it('reads bare numbers as hours and understands min, h and d', () => {
    expect(parseDurationText('4')).toBe(4 * H);
    expect(parseDurationText('1.5')).toBe(90 * MIN);
    expect(parseDurationText(' 30 min ')).toBe(30 * MIN);
    expect(parseDurationText('4 h')).toBe(4 * H);
    expect(parseDurationText('3d')).toBe(3 * D);
    expect(parseDurationText('2 days')).toBe(2 * D);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'soon', '4 weeks', '-2 h', '1e3']) expect(parseDurationText(text)).toBeNull();
  });

  it('writes a duration back in the largest unit that says it exactly, hours up to two days', () => {
    expect([3 * D, 36 * H, 24 * H, 90 * MIN, 0].map(formatDurationText)).toEqual(['3 d', '36 h', '24 h', '90 min', '0 h']);
    expect(parseDurationText(formatDurationText(90 * MIN))).toBe(90 * MIN);
  });
});

describe('the Service levels form', () => {
  it('turns the drafts into the policy main accepts', () => {
    expect(checkPolicyDrafts(draftsOf(SAVED))).toEqual({ policy: SAVED });
    expect(checkPolicyDrafts({ critical: '1', high: '8 h', medium: '2 d', low: '7d', atRiskWindow: '0' })).toEqual({
      policy: { targetsMs: { critical: H, high: 8 * H, medium: 2 * D, low: 7 * D }, atRiskWindowMs: 0 },
    });
  });

  it('puts a message beside each field out of bounds or unreadable', () => {
    expect(checkPolicyDrafts({ critical: '10 min', high: 'soon', medium: '91 d', low: '7 d', atRiskWindow: '8 d' })).toEqual({
      problems: {
        critical: '15\u00a0min to 90\u00a0d',
        high: 'Write hours ("4"), or a number with min, h or d ("30 min", "3 d")',
        medium: '15\u00a0min to 90\u00a0d',
        atRiskWindow: '0\u00a0h to 7\u00a0d',
      },
    });
  });

  it('reads the policy again when another window saves one, and a window that never read it stays idle', async () => {
    const reading = useSlaPolicyStore.getState().ensureLoaded();
    calls[0]?.resolve(DEFAULT_SLA_POLICY);
    await reading;
    listeners.get('data.changed')?.({ topic: 'sla-policy' });
    const reread = calls.filter((c) => c.channel === 'sla.getPolicy');
    expect(reread).toHaveLength(2);
    reread[1]?.resolve(SAVED);
    await vi.waitFor(() => expect(useSlaPolicyStore.getState().policy.data).toEqual(SAVED));

    resetSessionStores();
    listeners.get('data.changed')?.({ topic: 'sla-policy' });
    expect(calls.filter((c) => c.channel === 'sla.getPolicy')).toHaveLength(2);
  });
});
