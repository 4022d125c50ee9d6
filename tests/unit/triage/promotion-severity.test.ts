// Promoting with a template never files alerts below their own severity: main raises the template's
// severity to the highest alert's, and the dialog's preview says the same before the click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { promotionSeverity } from '../../../src-shared/promotion-severity';

let vault: TestVault;
let analyst: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts: 400, seed: 5, days: 10, investigations: 0 });
  analyst = await addUser(vault, admin, 'ann', 'analyst');
});
afterAll(() => vault.dispose());

const newAlertsOf = (severity: string, limit: number) =>
  (vault.core.services.custody.vault.db.prepare("SELECT id FROM alerts WHERE status = 'new' AND severity = ? ORDER BY id LIMIT ?").all(severity, limit) as { id: string }[]).map((a) => a.id);

describe('promotion severity', () => {
  it('raises a medium template to the critical alert being promoted, and the preview says so first', async () => {
    const ids = [...newAlertsOf('critical', 1), ...newAlertsOf('low', 2)];
    expect(ids).toHaveLength(3);
    const preview = await analyst.invoke('alerts.promotionSeverity', { selection: { ids }, templateId: 'spam_wave' });
    expect(preview).toEqual({ severity: 'critical', template: 'medium', highestAlert: 'critical' });
    const detail = await analyst.invoke('alerts.promote', { selection: { ids }, investigation: { title: 'Spam with a critical', templateId: 'spam_wave' } });
    expect(detail.severity).toBe('critical');
  });

  it('keeps a template above the alerts: low alerts under account takeover stay high', async () => {
    const ids = newAlertsOf('low', 2);
    const preview = await analyst.invoke('alerts.promotionSeverity', { selection: { ids }, templateId: 'account_takeover' });
    expect(preview.severity).toBe('high');
    const detail = await analyst.invoke('alerts.promote', { selection: { ids }, investigation: { title: 'Takeover', templateId: 'account_takeover' } });
    expect(detail.severity).toBe('high');
  });

  it('floors a promotion without a template too (blank is medium), over "all matching" as over picked rows', async () => {
    const filter = { severity: ['high' as const], status: ['new' as const] };
    const { count } = await analyst.invoke('alerts.count', filter);
    expect(count).toBeGreaterThan(0);
    expect((await analyst.invoke('alerts.promotionSeverity', { selection: { filter } })).severity).toBe('high');
    const detail = await analyst.invoke('alerts.promote', { selection: { filter, expectedCount: count }, investigation: { title: 'All the high ones' } });
    expect(detail.severity).toBe('high');
  });

  it('lets the analyst\'s explicit pick stand', async () => {
    const ids = newAlertsOf('critical', 1);
    const detail = await analyst.invoke('alerts.promote', { selection: { ids }, investigation: { title: 'Picked low', templateId: 'spam_wave', severity: 'low' } });
    expect(detail.severity).toBe('low');
  });

  it('is the higher of template and alerts, as a pure rule', () => {
    expect(promotionSeverity({ template: 'medium', highestAlert: 'critical' })).toBe('critical');
    expect(promotionSeverity({ template: 'critical', highestAlert: 'low' })).toBe('critical');
    expect(promotionSeverity({ template: 'medium', highestAlert: null })).toBe('medium');
    expect(promotionSeverity({ chosen: 'low', template: 'high', highestAlert: 'critical' })).toBe('low');
  });
});
