import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { INVESTIGATION_STATUSES, RESOLUTIONS } from '../../../src-shared/workspace-model';

let vault: TestVault;
let admin: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
});
afterAll(() => vault.dispose());

const db = () => vault.core.services.custody.vault.db;

describe('demo investigations', () => {
  it('creates investigations at every status, closed ones resolved, with linked alerts, notes, findings and tasks; a rerun adds none', async () => {
    await admin.invoke('demo.generate', { alerts: 4000, seed: 3, days: 30, investigations: 20 });
    const rows = db().prepare("SELECT id, status, resolution, closed_at FROM investigations WHERE source = 'demo'").all() as
      { id: string; status: string; resolution: string | null; closed_at: number | null }[];
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(INVESTIGATION_STATUSES));
    const closed = rows.filter((r) => r.status === 'closed');
    expect(closed.every((r) => r.resolution !== null && r.closed_at !== null)).toBe(true);
    expect(new Set(closed.map((r) => r.resolution))).toEqual(new Set(RESOLUTIONS));
    const linked = (db().prepare("SELECT count(DISTINCT investigation_id) AS n FROM alerts WHERE status = 'promoted'").get() as { n: number }).n;
    expect(linked).toBe(20);

    const page = await admin.invoke('investigations.list', { tag: 'demo', limit: 200 });
    expect(page.total).toBe(20);
    const pending = page.rows.find((r) => r.status === 'pending');
    const detail = await admin.invoke('investigations.get', { investigationId: pending?.id ?? '' });
    expect(detail.statusLog.map((c) => c.to)).toEqual(['open', 'in_progress', 'pending']);
    expect(detail.counts.alerts).toBeGreaterThan(0);
    expect(detail.counts.notes).toBeGreaterThan(0);
    expect(detail.counts.findings).toBe(1);
    const timeline = await admin.invoke('investigations.timeline', { investigationId: detail.id });
    expect(new Set(timeline.map((t) => t.kind))).toEqual(new Set(['status', 'alert', 'occurrence', 'note', 'finding', ...(detail.counts.tasks > 0 ? ['task'] : [])]));
    expect(timeline.map((t) => t.at)).toEqual([...timeline.map((t) => t.at)].sort((a, b) => a - b));
    const graph = await admin.invoke('investigations.entities', { investigationId: detail.id, maxNodes: 500 });
    expect(graph.nodes.length).toBe(detail.counts.entities);
    expect(graph.truncated).toBe(false);

    await admin.invoke('demo.generate', { alerts: 4000, seed: 3, days: 30, investigations: 20 });
    expect((db().prepare("SELECT count(*) AS n FROM investigations WHERE source = 'demo'").get() as { n: number }).n).toBe(20);
  });
});
