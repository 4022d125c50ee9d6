// The palette opens what the lookup found and, on the triage screen, gives verdicts to the selected
// or focused alerts: only to someone who may modify, worded for what they apply to, and run through
// the same bulk call as the queue's keys (dismiss with the default reason its label names).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { permissionsOf } from '../../../src-shared/permissions';
import { DEFAULT_DISMISS_REASON } from '../../../src-shared/workspace-model';

const calls: { channel: string; input: unknown }[] = [];
vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke(channel: string, input: unknown) {
      calls.push({ channel, input });
      return Promise.resolve({ affected: 1, unchanged: 0 });
    },
  },
  onEvent: () => () => undefined,
}));

const { commandsFor, filterCommands, lookupCommands, paletteEntries, wantsLookup } = await import('../../../src-renderer/app/commands');
const { runPaletteVerdict, triageTargetCount, paletteVerdictAction } = await import('../../../src-renderer/features/triage/palette-verdicts');
const { useTriageStore } = await import('../../../src-renderer/features/triage/store');

const FOCUSED = '0190a0a0-0000-7000-8000-00000000000a';

describe('palette verdicts', () => {
  beforeEach(() => {
    calls.length = 0;
    useTriageStore.getState().reset();
  });

  it('lists the verdicts only on the triage screen with a target, for someone who may modify', () => {
    const ids = (permissions: Parameters<typeof commandsFor>[0], count: number) =>
      commandsFor(permissions, { triageTargetCount: count }).filter((c) => c.action.kind === 'verdict').map((c) => c.id);
    expect(ids(permissionsOf('analyst'), 1)).toEqual(['verdict:acknowledge', 'verdict:dismiss', 'verdict:reopen', 'verdict:assignToMe']);
    expect(ids(permissionsOf('analyst'), 0)).toEqual([]);
    expect(ids(permissionsOf('viewer'), 3)).toEqual([]);
  });

  it('words them for what they apply to and finds them by typing', () => {
    const all = commandsFor(permissionsOf('analyst'), { triageTargetCount: 3 });
    expect(filterCommands(all, 'dismiss').map((c) => c.label)[0]).toBe('Dismiss 3 alerts as false positive');
    expect(filterCommands(all, 'assign me').map((c) => c.label)).toEqual(['Assign 3 alerts to me']);
    expect(filterCommands(commandsFor(permissionsOf('analyst'), { triageTargetCount: 1 }), 'ack').map((c) => c.label)[0]).toBe('Acknowledge the alert');
  });

  it('runs a verdict on the focused alert when nothing is selected, dismiss with the default reason', async () => {
    useTriageStore.setState({ focusedId: FOCUSED });
    expect(triageTargetCount()).toBe(1);
    await runPaletteVerdict('dismiss', 'u-me');
    expect(calls.filter((call) => call.channel === 'alerts.bulk')).toEqual([
      { channel: 'alerts.bulk', input: { selection: { ids: [FOCUSED] }, action: { kind: 'dismiss', reason: DEFAULT_DISMISS_REASON } } },
    ]);
  });

  it('assigns to the signed-in analyst, never to nobody', () => {
    expect(paletteVerdictAction('assignToMe', 'u-me')).toEqual({ kind: 'assign', assigneeId: 'u-me' });
  });

  it('does nothing without a focused or selected alert', async () => {
    expect(triageTargetCount()).toBe(0);
    await runPaletteVerdict('acknowledge', 'u-me');
    expect(calls).toEqual([]);
  });
});

describe('palette lookup commands', () => {
  it('opens found investigations and entities, listed as the lookup found them', () => {
    const commands = lookupCommands({
      investigations: [{ id: 'i1', key: 'INV-2026-0012', title: 'Refund ring', status: 'open' }],
      entities: [{ id: 'e1', kind: 'email', value: 'm***@example.com', masked: true }],
    });
    expect(commands.map((c) => [c.label, c.action])).toEqual([
      ['Open INV-2026-0012: Refund ring', { kind: 'openInvestigation', investigationId: 'i1' }],
      ['Open email m***@example.com', { kind: 'openEntity', entityId: 'e1' }],
    ]);
    expect(lookupCommands(null)).toEqual([]);
  });

  it('lists a typed key\'s investigations first, and commands before values otherwise', () => {
    const found = lookupCommands({ investigations: [], entities: [{ id: 'e1', kind: 'device', value: 'theme-box', masked: false }] });
    const themes = filterCommands(commandsFor(permissionsOf('analyst')), 'theme');
    expect(paletteEntries(found, themes, 'theme')[0]?.id).toBe('theme:light');
    expect(paletteEntries(found, themes, 'INV-12')[0]?.id).toBe('open:entity:e1');
  });

  it('asks the lookup for a key or a value, not for one or two letters of a command', () => {
    expect(wantsLookup('INV-12')).toBe(true);
    expect(wantsLookup('inv-')).toBe(true);
    expect(wantsLookup('10.0.0.1')).toBe(true);
    expect(wantsLookup('th')).toBe(false);
  });
});
