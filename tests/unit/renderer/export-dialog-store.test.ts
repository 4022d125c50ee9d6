// The Export dialog's store against a real core: it says how many rows match before starting and
// what the cap does, follows the job's progress, saves the file it gets, and a cancel stops the job.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { ExportFile } from '../../../src-shared/workspace-model';
import { exportPlan, searchExportPlan } from '../../../src-renderer/features/exports/export-plan';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { insertAlert, insertInvestigation, vaultDb } from '../actions/workspace-fixtures';

const holder: { client: InProcessClient | null; vault: TestVault | null } = { client: null, vault: null };

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke(channel: string, input: unknown) {
      if (!holder.client) throw new Error('no client');
      return (holder.client.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, input);
    },
  },
  onEvent: (name: string, listener: (payload: unknown) => void) =>
    holder.vault?.core.services.events.subscribe((_target, event, payload) => { if (event === name) listener(payload); }) ?? (() => undefined),
}));

const { useExportStore } = await import('../../../src-renderer/features/exports/store');

let vault: TestVault;
let caseId = '';

beforeAll(async () => {
  vault = makeTestVault();
  holder.vault = vault;
  const { admin } = await setUpVault(vault);
  holder.client = await addUser(vault, admin, 'sam', 'senior_analyst');
  const db = vaultDb(vault);
  caseId = insertInvestigation(db, { title: 'Exported from the header' });
  insertAlert(db, { title: 'In the case', severity: 'high', investigationId: caseId, occurredAt: 1 });
  db.transaction(() => { for (let i = 0; i < 4100; i += 1) insertAlert(db, { title: `Row ${i}`, severity: 'low', source: 'bulk', occurredAt: 100 + i }); })();
});
afterAll(() => vault.dispose());

describe('export plan wording', () => {
  it('says every matching row will be exported under the cap, and the newest 200,000 above it', () => {
    expect(exportPlan('alerts', 1234).summary).toBe('1,234 alerts match the filter; all of them will be exported.');
    const capped = exportPlan('alerts', 250_000);
    expect(capped).toMatchObject({ capped: true, rows: 200_000, matched: 250_000 });
    expect(capped.summary).toContain('250,000 alerts match, more than the 200,000 one file holds: the file will hold the newest 200,000.');
    expect(exportPlan('investigations', 0).summary).toBe('No investigations match the filter: the file would be empty.');
  });

  it('says a search export holds the best 200 of each kind when more match', () => {
    const plan = searchExportPlan({ alert: 950, investigation: 3, note: 0, finding: 0, entity: 1 });
    expect(plan).toMatchObject({ matched: 954, rows: 204, capped: true });
    expect(plan.summary).toContain('954 results match; the file will hold 204: the best 200 of each kind');
    expect(searchExportPlan({ alert: 2, investigation: 0, note: 0, finding: 0, entity: 0 }).summary).toBe('2 results match; all of them will be exported.');
  });
});

describe('export dialog store', () => {
  it('counts before it starts, shows progress against that count, and saves the file', async () => {
    await useExportStore.getState().open({ kind: 'alerts', filter: { source: 'bulk' } });
    expect(useExportStore.getState()).toMatchObject({ phase: 'ready', plan: { matched: 4100, rows: 4100, capped: false } });
    const seen: number[] = [];
    const stop = useExportStore.subscribe((state) => { if (state.phase === 'running') seen.push(state.progress.done); });
    const saved: ExportFile[] = [];
    await useExportStore.getState().start((file) => saved.push(file));
    stop();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.fileName).toMatch(/\.csv$/);
    expect(useExportStore.getState()).toMatchObject({ phase: 'done', result: { rows: 4100, matched: 4100 } });
    expect(seen).toContain(2000);
  });

  it('exports one investigation in JSON, counting the case and its records', async () => {
    await useExportStore.getState().open({ kind: 'investigation', investigationId: caseId, key: 'x' });
    expect(useExportStore.getState().plan).toMatchObject({ matched: 2 });
    useExportStore.getState().setFormat('json');
    const saved: ExportFile[] = [];
    await useExportStore.getState().start((file) => saved.push(file));
    expect((JSON.parse(saved[0]?.content ?? '{}') as { alerts: unknown[] }).alerts).toHaveLength(1);
  });

  it('stops the job on Cancel and saves nothing', async () => {
    useExportStore.getState().setFormat('csv');
    await useExportStore.getState().open({ kind: 'alerts', filter: {} });
    const saved: ExportFile[] = [];
    // Cancel as the first page's progress arrives, as a user pressing Cancel mid-export.
    let cancelling: Promise<void> | null = null;
    const stop = useExportStore.subscribe((state) => { if (state.progress.done > 0 && !cancelling) cancelling = state.cancel(); });
    await useExportStore.getState().start((file) => saved.push(file));
    stop();
    await cancelling;
    expect(useExportStore.getState().phase).toBe('cancelled');
    expect(saved).toEqual([]);
  });
});
