import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let investigationId = '';

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  await admin.invoke('demo.generate', { alerts: 3000, seed: 9, days: 10, investigations: 0 });
  const ids = (vault.core.services.custody.vault.db.prepare("SELECT id FROM alerts WHERE rule = 'shared-device-ring' ORDER BY occurred_at LIMIT 40").all() as { id: string }[]).map((a) => a.id);
  const detail = await admin.invoke('alerts.promote', { selection: { ids }, investigation: { title: 'Device ring', templateId: 'fraud_ring' } });
  investigationId = detail.id;
});
afterAll(() => vault.dispose());

const db = () => vault.core.services.custody.vault.db;

describe('the entity graph', () => {
  it('links entities by the alerts they share, weight = shared alerts, cut to the most connected', async () => {
    const full = await admin.invoke('investigations.entities', { investigationId, maxNodes: 500 });
    const expected = db().prepare(
      `WITH inv AS (SELECT a.id AS alert_id, e.id AS entity_id FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid
         JOIN entities e ON e.rid = ae.entity_rid WHERE a.investigation_id = ?)
       SELECT x.entity_id AS source, y.entity_id AS target, count(*) AS weight FROM inv x JOIN inv y ON x.alert_id = y.alert_id AND x.entity_id < y.entity_id
       GROUP BY x.entity_id, y.entity_id`,
    ).all(investigationId) as { source: string; target: string; weight: number }[];
    expect(full.truncated).toBe(false);
    expect(full.nodes.length).toBeGreaterThan(5);
    const key = (l: { source: string; target: string; weight: number }) => `${l.source}|${l.target}|${l.weight}`;
    expect(full.links.map(key).sort()).toEqual(expected.map(key).sort());
    const nodeAlerts = db().prepare(
      `SELECT e.id, count(*) AS n FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid
       WHERE a.investigation_id = ? GROUP BY e.id`,
    ).all(investigationId) as { id: string; n: number }[];
    expect(Object.fromEntries(full.nodes.map((n) => [n.id, n.alertCount]))).toEqual(Object.fromEntries(nodeAlerts.map((n) => [n.id, n.n])));

    const small = await admin.invoke('investigations.entities', { investigationId, maxNodes: 5 });
    expect(small.truncated).toBe(full.nodes.length > 5);
    expect(small.nodes).toHaveLength(Math.min(5, full.nodes.length));
    const kept = new Set(small.nodes.map((n) => n.id));
    expect(small.links.every((l) => kept.has(l.source) && kept.has(l.target))).toBe(true);
    const degree = (id: string) => new Set(full.links.flatMap((l) => (l.source === id ? [l.target] : l.target === id ? [l.source] : []))).size;
    const minKept = Math.min(...small.nodes.map((n) => degree(n.id)));
    expect(full.nodes.filter((n) => !kept.has(n.id)).every((n) => degree(n.id) <= minKept)).toBe(true);
  });

  it('masks PII values for a role without access_pii', async () => {
    const masked = await analyst.invoke('investigations.entities', { investigationId, maxNodes: 500 });
    const clear = await admin.invoke('investigations.entities', { investigationId, maxNodes: 500 });
    const account = clear.nodes.find((n) => n.kind === 'account');
    expect(account?.masked).toBe(false);
    const seen = masked.nodes.find((n) => n.id === account?.id);
    expect(seen?.masked).toBe(true);
    expect(seen?.value).not.toBe(account?.value);
  });
});

describe('the timeline', () => {
  it('merges status changes, alerts, notes, findings, tasks and actions in time order', async () => {
    vault.clock.advance(60_000);
    await analyst.invoke('notes.add', { investigationId, body: 'Devices line up' });
    vault.clock.advance(60_000);
    await analyst.invoke('findings.add', { investigationId, title: 'Ring confirmed', body: '' });
    vault.clock.advance(60_000);
    const graph = await admin.invoke('investigations.entities', { investigationId, maxNodes: 3 });
    await admin.invoke('actions.propose', { investigationId, kind: 'warn_user', targetEntityIds: [graph.nodes[0]?.id ?? ''], reason: 'Warn the ring members' });
    vault.clock.advance(60_000);
    await analyst.invoke('investigations.setStatus', { investigationId, status: 'in_progress' });
    // The alerts' own occurrences are merged in too (tests/unit/investigations/investigation-views.test.ts); here the case's activity.
    const items = (await analyst.invoke('investigations.timeline', { investigationId })).filter((i) => i.kind !== 'occurrence');
    expect(items.map((i) => i.kind)).toEqual(['status', 'alert', ...items.slice(2, -4).map(() => 'task'), 'note', 'finding', 'action', 'status']);
    expect(items[items.length - 1]).toMatchObject({ title: 'Moved from open to in progress', by: { username: 'ann' } });
    expect(items.find((i) => i.kind === 'action')?.title).toBe('Action proposed: warn user');
  });
});
