// Another analyst's change reaches this window as data.changed: the triage queue, the alert detail,
// the investigations list and the open investigation read again in place, without losing the
// analyst's place (rows, order, focus, picks), and the detail panel says when its alert left the filter.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertRow } from '../../../src-shared/model';
import type { DataChange } from '../../../src-shared/events';
import type { AlertDetail, InvestigationSummary } from '../../../src-shared/workspace-model';

/** A tiny main: alerts newest first, filtered by status; investigations in a list. */
const server = {
  alerts: [] as AlertRow[],
  investigations: [] as InvestigationSummary[],
  calls: [] as { channel: string; input: Record<string, unknown> }[],
};
const listeners = new Set<(payload: unknown) => void>();

function answer(channel: string, input: Record<string, unknown>): unknown {
  const statuses = input.status as string[] | undefined;
  const matching = server.alerts.filter((row) => !statuses || statuses.includes(row.status));
  switch (channel) {
    case 'alerts.list': {
      const after = input.after as { occurredAt: number; id: string } | undefined;
      const start = after ? matching.findIndex((row) => row.occurredAt < after.occurredAt) : 0;
      const rows = start < 0 ? [] : matching.slice(start, start + (input.limit as number));
      const last = rows[rows.length - 1];
      const more = start >= 0 && start + rows.length < matching.length;
      return { rows, next: more && last ? { occurredAt: last.occurredAt, id: last.id } : null, masked: false };
    }
    case 'alerts.count':
      return { count: matching.length };
    case 'alerts.get': {
      const row = server.alerts.find((candidate) => candidate.id === input.alertId)!;
      return { ...row, description: '', dismissReason: null, assignee: null, entities: [], raw: null, investigation: null } satisfies AlertDetail;
    }
    case 'alerts.matchesFilter': {
      // Main judges with the list's SQL (tests/unit/triage/alert-filter-match.test.ts); this tiny main filters by status only.
      const wanted = (input.filter as { status?: string[] }).status;
      const row = server.alerts.find((candidate) => candidate.id === input.alertId)!;
      return !wanted || wanted.includes(row.status) ? { matches: true } : { matches: false, failing: 'status' };
    }
    case 'alerts.similar':
      return [];
    case 'alerts.bulk':
      return { affected: 1, unchanged: 0 };
    case 'investigations.list': {
      const open = server.investigations.filter((row) => row.status !== 'closed');
      const after = input.after as { id: string } | undefined;
      const start = after ? open.findIndex((row) => row.id === after.id) + 1 : 0;
      const rows = open.slice(start, start + (input.limit as number));
      const more = start + rows.length < open.length;
      return { rows, next: more ? { updatedAt: 0, id: rows[rows.length - 1]!.id } : null, total: open.length };
    }
    default:
      throw new Error(`unexpected ${channel}`);
  }
}

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke: async (channel: string, input: Record<string, unknown>) => {
      server.calls.push({ channel, input });
      await Promise.resolve();
      return answer(channel, input);
    },
  },
  onEvent: (event: string, listener: (payload: unknown) => void) => {
    if (event !== 'data.changed') return () => undefined;
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
}));

const { useTriageStore, PAGE_SIZE } = await import('../../../src-renderer/features/triage/store');
const { useAlertDetailStore } = await import('../../../src-renderer/features/triage/detail-store');
const { useInvestigationsStore } = await import('../../../src-renderer/features/investigations/store');
const { heldRows } = await import('../../../src-renderer/features/triage/alert-window');
const { leftFilterReason, leftFilterNotice } = await import('../../../src-renderer/features/triage/detail-filter');
const { whenDataChanges } = await import('../../../src-renderer/kit/live-data');
const { DEFAULT_LIST_FILTER } = await import('../../../src-renderer/features/investigations/list-filter');

function alerts(count: number): AlertRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `a${i}`, source: 's', rule: null, title: `Alert ${i}`, severity: 'low', status: 'new',
    occurredAt: 1_000_000 - i, lastSeenAt: 0, occurrences: 1, primaryEntity: null, investigationId: null, assignee: null,
  }));
}

function investigation(id: string, title: string): InvestigationSummary {
  return { id, key: id.toUpperCase(), title, status: 'open', severity: 'low', assignee: null, tags: [], slaDueAt: null, closedAt: null } as unknown as InvestigationSummary;
}

const announce = (change: DataChange) => {
  for (const listener of listeners) listener(change);
};
/** Lets every reread the announcement started finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const setStatus = (id: string, status: AlertRow['status']) => {
  server.alerts = server.alerts.map((row) => (row.id === id ? { ...row, status } : row));
};

beforeEach(() => {
  server.alerts = alerts(PAGE_SIZE * 2 + 50);
  server.investigations = [];
  server.calls = [];
  useTriageStore.getState().reset();
  useAlertDetailStore.getState().reset();
  useInvestigationsStore.getState().reset();
});

describe('the triage queue after a change elsewhere', () => {
  it('refreshes the held rows in place: same rows, same order, focus and picks kept, the count new', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    await useTriageStore.getState().loadNext();
    const store = useTriageStore.getState();
    store.focus('a250');
    store.setSelection({ kind: 'ids', ids: new Set(['a3', 'a250']), anchor: 'a3' } as never);
    const before = heldRows(useTriageStore.getState().queue.data.window).map((row) => row.id);
    const { generation, selection } = useTriageStore.getState();

    setStatus('a2', 'acknowledged');
    setStatus('a300', 'dismissed');
    server.calls = [];
    announce({ topic: 'alerts' });
    await settle();

    const after = useTriageStore.getState();
    expect(heldRows(after.queue.data.window).map((row) => row.id)).toEqual(before);
    expect(after.focusedId).toBe('a250');
    expect(after.selection).toBe(selection);
    expect(after.generation).toBe(generation);
    expect(after.queue.data.total).toBe(PAGE_SIZE * 2 + 48);
    // The acknowledged alert stays in place, greyed, showing its new status.
    expect([...after.queue.data.left]).toEqual(['a2', 'a300']);
    expect(heldRows(after.queue.data.window).find((row) => row.id === 'a2')?.status).toBe('acknowledged');
    // Each held page read again from its own cursor, and no more.
    expect(server.calls.filter((call) => call.channel === 'alerts.list')).toHaveLength(2);
  });

  it('does not read again a row this window changed: it already shows its new status', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    setStatus('a1', 'acknowledged');
    await useTriageStore.getState().bulk({ ids: ['a1'] }, { kind: 'acknowledge' });
    expect(heldRows(useTriageStore.getState().queue.data.window)[1]?.status).toBe('acknowledged');
    server.calls = [];
    announce({ topic: 'alerts' });
    await settle();
    expect(server.calls.filter((call) => call.channel === 'alerts.get')).toEqual([]);
    expect(useTriageStore.getState().queue.data.left.has('a1')).toBe(true);
  });

  it('holds back alerts that arrive above the held rows: the rows stay, the notice counts them, Show places them and focuses the first', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    await useTriageStore.getState().loadNext();
    useTriageStore.getState().focus('a250');
    const before = heldRows(useTriageStore.getState().queue.data.window).map((row) => row.id);
    const arrive = (id: string, occurredAt: number) => {
      server.alerts = [{ ...alerts(1)[0]!, id, occurredAt }, ...server.alerts].sort((x, y) => y.occurredAt - x.occurredAt);
    };
    arrive('n1', 1_000_002);
    arrive('n2', 1_000_001);
    announce({ topic: 'alerts' });
    await settle();
    let state = useTriageStore.getState();
    expect(heldRows(state.queue.data.window).map((row) => row.id)).toEqual(before);
    expect(state.queue.data.newAlerts.map((held) => held.row.id)).toEqual(['n1', 'n2']);
    // The rows the new ones pushed down have not left the filter.
    expect(state.queue.data.left.size).toBe(0);
    expect(state.focusedId).toBe('a250');

    arrive('n0', 1_000_003);
    announce({ topic: 'alerts' });
    await settle();
    expect(useTriageStore.getState().queue.data.newAlerts.map((held) => held.row.id)).toEqual(['n0', 'n1', 'n2']);

    expect(useTriageStore.getState().showNewAlerts()).toBe('n0');
    state = useTriageStore.getState();
    expect(heldRows(state.queue.data.window).map((row) => row.id)).toEqual(['n0', 'n1', 'n2', ...before]);
    expect(state.focusedId).toBe('n0');
    expect(state.queue.data.newAlerts).toEqual([]);
  });

  it('an explicit reload drops the rows that left', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    setStatus('a0', 'dismissed');
    announce({ topic: 'alerts' });
    await settle();
    await useTriageStore.getState().reload();
    expect(heldRows(useTriageStore.getState().queue.data.window)[0]?.id).toBe('a1');
    expect(useTriageStore.getState().queue.data.left.size).toBe(0);
  });
});

describe('the alert detail panel when its alert leaves the filter', () => {
  /** The notice the panel shows for the open alert, from main's answer and the detail; null while it matches. */
  const notice = () => {
    const { filterMatch: { data: judged }, detail: { data: detail } } = useAlertDetailStore.getState();
    if (!judged || !detail || judged.match.matches) return null;
    return leftFilterNotice(leftFilterReason(judged.match.failing, detail));
  };

  it('reads the open alert again, asks main whether it still matches, and says why not', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    useTriageStore.getState().openDetail('a5');
    await useAlertDetailStore.getState().load('a5');
    expect(useAlertDetailStore.getState().filterMatch.data).toEqual({ alertId: 'a5', match: { matches: true } });
    expect(notice()).toBeNull();

    setStatus('a5', 'acknowledged');
    announce({ topic: 'alerts' });
    await settle();
    expect(server.calls.filter((call) => call.channel === 'alerts.matchesFilter').at(-1)?.input).toEqual({ alertId: 'a5', filter: { status: ['new'] } });
    expect(notice()).toBe('No longer matches the filter (now acknowledged).');
  });

  it('asks again with the queue\'s new filter', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    useTriageStore.getState().openDetail('a5');
    await useAlertDetailStore.getState().load('a5');
    await useTriageStore.getState().setQuery({ status: ['dismissed'] }, 'newest');
    await useAlertDetailStore.getState().judge();
    expect(notice()).toBe('No longer matches the filter (now new).');
    await useTriageStore.getState().setQuery({}, 'newest');
    await useAlertDetailStore.getState().judge();
    expect(notice()).toBeNull();
  });

  it('"Next alert" opens the next row that still matches, skipping those that left', async () => {
    await useTriageStore.getState().setQuery({ status: ['new'] }, 'newest');
    useTriageStore.getState().openDetail('a5');
    setStatus('a5', 'acknowledged');
    setStatus('a6', 'dismissed');
    announce({ topic: 'alerts' });
    await settle();
    expect(useTriageStore.getState().openNextAfter('a5')).toBe('a7');
    expect(useTriageStore.getState().detailId).toBe('a7');
    expect(useTriageStore.getState().focusedId).toBe('a7');
  });
});

describe('the investigations list after a change elsewhere', () => {
  it('keeps its rows and their order, shows their new state, and greys a case that left the filter', async () => {
    server.investigations = [investigation('i1', 'One'), investigation('i2', 'Two'), investigation('i3', 'Three')];
    await useInvestigationsStore.getState().apply(DEFAULT_LIST_FILTER);
    // i3 changed: main now lists it first; i2 was closed.
    server.investigations = [investigation('i3', 'Three, renamed'), investigation('i1', 'One'), { ...investigation('i2', 'Two'), status: 'closed' } as InvestigationSummary];
    announce({ topic: 'investigations', investigationIds: ['i3', 'i2'] });
    await settle();
    const { rows, left, total } = useInvestigationsStore.getState().list.data;
    expect(rows.map((row) => row.id)).toEqual(['i1', 'i2', 'i3']);
    expect(rows[2]?.title).toBe('Three, renamed');
    expect([...left]).toEqual(['i2']);
    expect(total).toBe(2);
  });
});

describe('rereads on announcements', () => {
  it('runs one reread at a time: announcements during it fold into one more', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const release: (() => void)[] = [];
    const stop = whenDataChanges('approvals', async () => {
      runs += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running -= 1;
    });
    announce({ topic: 'approvals' });
    for (let i = 0; i < 10; i += 1) announce({ topic: 'approvals' });
    announce({ topic: 'alerts' });
    release.shift()?.();
    await settle();
    release.shift()?.();
    await settle();
    expect(runs).toBe(2);
    expect(most).toBe(1);
    stop();
  });
});
