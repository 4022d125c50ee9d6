// The investigation views' stores driven against a real core: removing an alert from the case
// (the row leaves the list, the graph and timeline are read again and show it), the timeline asked
// in the user's zone with the alerts' events in it, and a graph expansion masked for an analyst.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { TestVault } from '../support/test-core';
import { analystAtTheWindow } from '../support/renderer-against-core';
import { insertAlert, insertEntity, vaultDb } from '../actions/workspace-fixtures';

vi.mock('../../../src-renderer/api/client', async () => (await import('../support/renderer-against-core')).apiThroughCore());

const { useInvestigationStore } = await import('../../../src-renderer/features/investigation/store');
const { useGraphExpansionStore } = await import('../../../src-renderer/features/investigation/graph-expansion-store');

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
});
