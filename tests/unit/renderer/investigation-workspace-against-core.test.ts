// The workspace's stores driven against a real core (in-process, as the browser mode would): what
// the screens send is what main accepts, end to end — create from a template, move the status,
// write a finding, upload and verify evidence, and a destructive action through four eyes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { addUser, type TestVault } from '../support/test-core';
import { analystAtTheWindow, atTheWindow } from '../support/renderer-against-core';
import { insertAlert, insertEntity, vaultDb } from '../actions/workspace-fixtures';

vi.mock('../../../src-renderer/api/client', async () => (await import('../support/renderer-against-core')).apiThroughCore());

const { useInvestigationsStore } = await import('../../../src-renderer/features/investigations/store');
const { useInvestigationStore } = await import('../../../src-renderer/features/investigation/store');
const { useEvidenceStore } = await import('../../../src-renderer/features/evidence/store');
const { useActionsStore } = await import('../../../src-renderer/features/actions/store');

describe('investigation workspace against the real core', () => {
  let vault: TestVault;
  let analyst: InProcessClient;
  let senior: InProcessClient;
  let investigationId = '';

  beforeAll(async () => {
    let admin: InProcessClient;
    ({ vault, admin, analyst } = await analystAtTheWindow());
    senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  });

  afterAll(() => vault.dispose());

  it('creates an investigation from a template and opens it', async () => {
    const detail = await useInvestigationsStore.getState().create({ title: 'Card testing ring', summary: '**ring**', templateId: 'fraud_ring', tags: ['fraud'], slaDueAt: null });
    investigationId = detail.id;
    expect(detail.key).toMatch(/^INV-\d{4}-\d{4}$/);
    await useInvestigationStore.getState().open(investigationId);
    expect(useInvestigationStore.getState().detail.data?.title).toBe('Card testing ring');
    await useInvestigationStore.getState().loadPart('tasks');
    expect(useInvestigationStore.getState().parts.tasks.data?.length ?? 0).toBeGreaterThan(0);
  });

  it('moves the status and refuses a close without resolution the way the control prevents', async () => {
    await useInvestigationStore.getState().setStatus({ status: 'in_progress' });
    expect(useInvestigationStore.getState().detail.data?.status).toBe('in_progress');
    await expect(useInvestigationStore.getState().setStatus({ status: 'closed' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('adds a finding and a note', async () => {
    await useInvestigationStore.getState().addFinding('Shared device', 'Five accounts, one device: <script>x</script>');
    await useInvestigationStore.getState().addNote('Asked payments for chargebacks');
    await useInvestigationStore.getState().loadPart('findings', true);
    expect(useInvestigationStore.getState().parts.findings.data?.map((finding) => finding.title)).toEqual(['Shared device']);
    await useInvestigationStore.getState().loadPart('timeline', true);
    const kinds = new Set(useInvestigationStore.getState().parts.timeline.data?.map((item) => item.kind));
    expect(kinds.has('finding') && kinds.has('note') && kinds.has('status')).toBe(true);
  });

  it('uploads evidence in chunks, and verification finds it intact', async () => {
    await useEvidenceStore.getState().load(investigationId);
    const bytes = new Uint8Array(1024 * 1024 + 333).map((_, index) => index % 251);
    await useEvidenceStore.getState().uploadFile(new File([bytes], 'export.bin', { type: '' }), 'raw export');
    const item = useEvidenceStore.getState().items.data[0];
    expect(item?.size).toBe(bytes.length);
    expect(item?.mediaType).toBe('application/octet-stream');
    await useEvidenceStore.getState().verify(item?.id ?? '');
    expect(useEvidenceStore.getState().verifications[item?.id ?? '']?.ok).toBe(true);
  });

  it('takes a destructive action through four eyes: proposed by the analyst, approved by a senior, then executed', async () => {
    const db = vaultDb(vault);
    const account = insertEntity(db, 'account', 'acct-777');
    insertAlert(db, { title: 'Card testing', entityIds: [account], investigationId });
    await useActionsStore.getState().load(investigationId);
    await useActionsStore.getState().propose({ kind: 'suspend_account', targetEntityIds: [account], reason: 'Ring member' });
    const proposed = useActionsStore.getState().actions.data[0];
    expect(proposed).toMatchObject({ status: 'proposed', destructive: true });

    atTheWindow.client = senior;
    await useActionsStore.getState().loadAwaiting();
    expect(useActionsStore.getState().awaiting.data.map((action) => action.id)).toContain(proposed?.id);
    await useActionsStore.getState().loadDryRun(proposed?.id ?? '');
    expect(useActionsStore.getState().dryRuns[proposed?.id ?? '']?.data?.accounts.map((entity) => entity.id)).toEqual([account]);
    await useActionsStore.getState().approve(proposed?.id ?? '', 'Checked');
    expect(useActionsStore.getState().awaiting.data.map((action) => action.id)).not.toContain(proposed?.id);

    atTheWindow.client = analyst;
    await useActionsStore.getState().execute(proposed?.id ?? '');
    expect(useActionsStore.getState().actions.data.find((action) => action.id === proposed?.id)?.status).toBe('executed');
  });
});
