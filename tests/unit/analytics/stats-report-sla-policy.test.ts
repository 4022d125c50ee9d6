// The stats report counts SLA compliance with the service levels an administrator saved (read by
// the analytics worker on its own connection), not with fixed targets. Worked out by hand over one
// range of two UTC days, the report made 40 h into it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { TemplateId } from '../../../src-shared/workspace-model';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../src-shared/sla';

const H = 3_600_000;
const DAY0 = Date.UTC(2026, 2, 2);
const RANGE = { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC' };
/** Critical given longer, high shorter, and a wider warning window than the defaults. */
const CHANGED: SlaPolicy = { targetsMs: { ...DEFAULT_SLA_POLICY.targetsMs, critical: 8 * H, high: 12 * H }, atRiskWindowMs: 8 * H };
let vault: TestVault;

/** Signed in afresh at the clock's time: the clock moves past a session's life. */
async function signedInAt(at: number): Promise<InProcessClient> {
  vault.clock.set(at);
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

async function caseAt(hour: number, severity: 'critical' | 'high' | 'low', closedAtHour?: number, templateId: TemplateId = 'blank') {
  const created = await (await signedInAt(DAY0 + hour * H)).invoke('investigations.create', { title: `Case at ${hour} h`, severity, templateId });
  if (closedAtHour === undefined) return;
  await (await signedInAt(DAY0 + closedAtHour * H)).invoke('investigations.setStatus', { investigationId: created.id, status: 'closed', resolution: 'actioned' });
}

async function slaNow() {
  return (await (await signedInAt(DAY0 + 40 * H)).invoke('analytics.stats', RANGE)).sla;
}

beforeAll(async () => {
  vault = makeTestVault();
  vault.clock.set(DAY0);
  await setUpVault(vault);
  //                               defaults (crit 4 h, high 24 h, window 4 h) | changed (crit 8 h, high 12 h, window 8 h)
  await caseAt(1, 'high', 20); //  A: due 25 h, closed 20 h: met             | due 13 h: breached
  await caseAt(2, 'critical', 9); // B: due 6 h, closed 9 h: breached        | due 10 h: met
  await caseAt(20, 'high'); //     C: due 44 h, 4 h ahead: at risk          | due 32 h: breached
  await caseAt(34, 'critical'); // D: due 38 h, passed: breached            | due 42 h, 2 h ahead: at risk
  await caseAt(22, 'high'); //     E: due 46 h, 6 h ahead: open             | due 34 h: breached
  // F: its template's own due time (24 h, 46 h) wins over any target; 6 h ahead: open | at risk in the wider window.
  await caseAt(22, 'low', undefined, 'account_takeover');
});
afterAll(() => vault.dispose());

describe('SLA compliance with the saved service levels', () => {
  it('counts with the defaults until an administrator saves', async () => {
    expect(await slaNow()).toEqual({
      targetsMs: DEFAULT_SLA_POLICY.targetsMs, atRiskWindowMs: DEFAULT_SLA_POLICY.atRiskWindowMs,
      met: 1, breached: 2, atRisk: 1, open: 2, compliance: 1 / 3,
    });
  });

  it('counts with the saved targets and window once changed, and says which it used', async () => {
    await (await signedInAt(DAY0 + 40 * H)).invoke('sla.updatePolicy', CHANGED);
    expect(await slaNow()).toEqual({
      targetsMs: CHANGED.targetsMs, atRiskWindowMs: CHANGED.atRiskWindowMs,
      met: 1, breached: 3, atRisk: 2, open: 0, compliance: 1 / 4,
    });
  });
});
