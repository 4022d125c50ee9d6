// The investigation views' stores driven against a real core: removing an alert from the case
// (the row leaves the list, the graph and timeline are read again and show it), the timeline asked
// in the user's zone with the alerts' events in it, a graph expansion masked for an analyst, an
// alert's own event on the timeline opening that alert, and ticked alerts removed together.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { TestVault } from '../support/test-core';
import { analystAtTheWindow } from '../support/renderer-against-core';
import { insertAlert, insertEntity, vaultDb } from '../actions/workspace-fixtures';

vi.mock('../../../src-renderer/api/client', async () => (await import('../support/renderer-against-core')).apiThroughCore());

const { useInvestigationStore } = await import('../../../src-renderer/features/investigation/store');
const { useGraphExpansionStore } = await import('../../../src-renderer/features/investigation/graph-expansion-store');
const { timelineTarget } = await import('../../../src-renderer/features/investigation/timeline-target');
const { NO_PICKS, pickRow, picksToRemove } = await import('../../../src-renderer/features/investigation/alert-picks');

describe('investigation views against the real core', () => {
  let vault: TestVault;
  let analyst: InProcessClient;
  let investigationId = '';
  const ids = { removed: '', kept: '', onlyRemoved: '', shared: '', outside: '' };

  beforeAll(async () => {
    ({ vault, analyst } = await analystAtTheWindow());
    const db = vaultDb(vault);
    ids.shared = insertEntity(db, 'account', `ring-member-${randomUUID()}`);
    ids.onlyRemoved = insertEntity(db, 'domain', `stray-${randomUUID()}.example`);
    ids.outside = insertEntity(db, 'email', 'outsider@example.com');
    ids.removed = insertAlert(db, { title: 'Stray alert', entityIds: [ids.shared, ids.onlyRemoved] });
    ids.kept = insertAlert(db, { title: 'Ring alert', entityIds: [ids.shared] });
    // Not in the case: what an expansion finds beyond it.
    insertAlert(db, { title: 'Elsewhere', entityIds: [ids.shared, ids.outside] });
    const detail = await analyst.invoke('investigations.create', { title: 'Ring' });
    investigationId = detail.id;
    await analyst.invoke('alerts.merge', { selection: { ids: [ids.removed, ids.kept] }, investigationId });
    await useInvestigationStore.getState().open(investigationId);
  });

  afterAll(() => vault.dispose());

  it('expands a node: the neighbours beyond the case, masked for an analyst', async () => {
    await useGraphExpansionStore.getState().expand(investigationId, ids.shared);
    const [expansion] = useGraphExpansionStore.getState().expansions;
    const outsider = expansion?.neighbours.find((n) => n.id === ids.outside);
    expect(outsider?.masked).toBe(true);
    expect(outsider?.value).not.toBe('outsider@example.com');
    expect(expansion?.entity.masked).toBe(true);
  });

  it('removes an alert: gone from the list, the graph and timeline read again without it', async () => {
    const store = useInvestigationStore.getState;
    await store().loadPart('alerts');
    await store().loadPart('graph');
    await store().loadPart('timeline');
    expect(store().parts.alerts.data?.rows.map((r) => r.id).sort()).toEqual([ids.removed, ids.kept].sort());
    expect(store().parts.timeline.data?.filter((i) => i.kind === 'occurrence')).toHaveLength(2);

    await store().removeAlerts([ids.removed], 'Unrelated');
    expect(store().parts.alerts.data?.rows.map((r) => r.id)).toEqual([ids.kept]);
    expect(store().parts.graph.status).toBe('idle');
    expect(store().parts.timeline.status).toBe('idle');

    await store().loadPart('graph');
    expect(store().parts.graph.data?.nodes.map((n) => n.id)).toEqual([ids.shared]);
    await store().loadPart('timeline');
    const timeline = store().parts.timeline.data ?? [];
    expect(timeline.some((i) => i.kind === 'alert' && i.title === 'Alert removed: Stray alert (back to acknowledged) — Unrelated')).toBe(true);
    expect(timeline.filter((i) => i.kind === 'occurrence').map((i) => i.refId)).toEqual([ids.kept]);
  });

  it('opens an alert\'s own timeline event as that alert, and removes ticked alerts together, closing the one open', async () => {
    const db = vaultDb(vault);
    const alertIds = ['Beacon one', 'Beacon two', 'Beacon three'].map((title, index) => insertAlert(db, { title, occurredAt: 10_000 + index }));
    const { id } = await analyst.invoke('investigations.create', { title: 'Beacons' });
    await analyst.invoke('alerts.merge', { selection: { ids: alertIds }, investigationId: id });
    const store = useInvestigationStore.getState;
    await store().open(id);
    await store().loadPart('timeline');
    const second = store().parts.timeline.data?.find((item) => item.kind === 'occurrence' && item.title.endsWith('Beacon two'));
    const target = second ? timelineTarget(second) : null;
    expect(target).toEqual({ tab: 'alerts', alertId: alertIds[1] });
    store().showAlert(target?.alertId ?? null);
    expect((await analyst.invoke('alerts.get', { alertId: store().openAlertId ?? '' })).title).toBe('Beacon two');

    // Ticked: the second, then shift to the third (newest first: three, two, one).
    await store().loadPart('alerts');
    const rows = store().parts.alerts.data?.rows ?? [];
    expect(rows.map((row) => row.title)).toEqual(['Beacon three', 'Beacon two', 'Beacon one']);
    const picks = pickRow(pickRow(NO_PICKS, rows, alertIds[1] ?? '', false), rows, alertIds[2] ?? '', true);
    const { ids } = picksToRemove(picks, rows);
    await store().removeAlerts(ids, '');
    expect(store().parts.alerts.data?.rows.map((row) => row.title)).toEqual(['Beacon one']);
    expect(store().openAlertId).toBeNull();
    for (const removed of [alertIds[1], alertIds[2]]) {
      expect(await analyst.invoke('alerts.get', { alertId: removed ?? '' })).toMatchObject({ status: 'acknowledged', investigationId: null });
    }
    await store().loadPart('timeline');
    expect(store().parts.timeline.data?.some((item) => item.kind === 'alert' && item.title === '2 alerts removed (back to acknowledged)')).toBe(true);
  });
});
