// The vault's service levels: the bounds an administrator's input is held to, who may read and
// change them, the audit row a change leaves, and that they outlive a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import { DEFAULT_SLA_POLICY, slaPolicySchema, type SlaPolicy } from '../../../src-shared/sla';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const policy = (targetsMs: Partial<SlaPolicy['targetsMs']> = {}, atRiskWindowMs = 4 * H): SlaPolicy => ({
  targetsMs: { ...DEFAULT_SLA_POLICY.targetsMs, ...targetsMs }, atRiskWindowMs,
});

describe('the service-level schema', () => {
  it('accepts targets from 15 minutes to 90 days and a window from 0 to 7 days', () => {
    expect(slaPolicySchema.safeParse(policy({ critical: 15 * MIN, low: 90 * D }, 0)).success).toBe(true);
    expect(slaPolicySchema.safeParse(policy({}, 7 * D)).success).toBe(true);
  });

  it('refuses a target outside its bounds, naming the severity', () => {
    const short = slaPolicySchema.safeParse(policy({ high: 15 * MIN - 1 }));
    expect(short.error?.issues[0]).toMatchObject({ path: ['targetsMs', 'high'], message: 'The high target must be at least 15 minutes' });
    const long = slaPolicySchema.safeParse(policy({ low: 90 * D + 1 }));
    expect(long.error?.issues[0]?.message).toBe('The low target must be at most 90 days');
  });

  it('refuses a negative or over-long window, a fraction, a missing severity and an unknown field', () => {
    expect(slaPolicySchema.safeParse(policy({}, -1)).error?.issues[0]?.message).toBe('The at-risk window cannot be negative');
    expect(slaPolicySchema.safeParse(policy({}, 7 * D + 1)).error?.issues[0]?.message).toBe('The at-risk window must be at most 7 days');
    expect(slaPolicySchema.safeParse(policy({ medium: 3.5 * H + 0.5 })).success).toBe(false);
    const { critical: _dropped, ...partial } = DEFAULT_SLA_POLICY.targetsMs;
    expect(slaPolicySchema.safeParse({ targetsMs: partial, atRiskWindowMs: H }).success).toBe(false);
    expect(slaPolicySchema.safeParse({ ...policy(), extra: 1 }).success).toBe(false);
  });
});

describe('the service-level channels', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  let analyst: InProcessClient;

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    analyst = await addUser(vault, admin, 'alan', 'analyst');
  });
  afterAll(() => vault.dispose());

  it('gives everyone who reads investigations the defaults until an administrator saves', async () => {
    expect(await analyst.invoke('sla.getPolicy', {})).toEqual(DEFAULT_SLA_POLICY);
  });

  it('refuses a change from an analyst and leaves the levels as they were', async () => {
    expect(await errorCodeOf(analyst.invoke('sla.updatePolicy', policy({ critical: H })))).toBe('FORBIDDEN');
    expect(await analyst.invoke('sla.getPolicy', {})).toEqual(DEFAULT_SLA_POLICY);
  });

  it('announces a saved change to every window, and a refused one to none', async () => {
    const heard: unknown[] = [];
    const stop = vault.core.events.subscribe((target, event, payload) => {
      if (event === 'data.changed') heard.push({ target, payload });
    });
    try {
      await errorCodeOf(analyst.invoke('sla.updatePolicy', policy({ critical: H })));
      expect(heard).toEqual([]);
      await admin.invoke('sla.updatePolicy', DEFAULT_SLA_POLICY);
      expect(heard).toEqual([{ target: 'all', payload: { topic: 'sla-policy' } }]);
    } finally {
      stop();
    }
  });

  it('refuses bad input with a VALIDATION error that says what is wrong', async () => {
    const error = await vigilErrorOf(admin.invoke('sla.updatePolicy', policy({ critical: 5 * MIN })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('The critical target must be at least 15 minutes');
    expect(await admin.invoke('sla.getPolicy', {})).toEqual(DEFAULT_SLA_POLICY);
  });

  it('lets an administrator (admin_access, not system_config) change them, audited with before and after', async () => {
    const plainAdmin = await addUser(vault, admin, 'grace', 'admin');
    const changed = policy({ critical: 2 * H, low: 10 * D }, 30 * MIN);
    expect(await plainAdmin.invoke('sla.updatePolicy', changed)).toEqual(changed);
    expect(await analyst.invoke('sla.getPolicy', {})).toEqual(changed);

    const entry = (await admin.invoke('audit.list', { limit: 1, action: 'sla.updatePolicy' })).entries[0];
    expect(entry).toMatchObject({ actorName: 'grace', outcome: 'success' });
    expect(entry?.details).toMatchObject({ before: DEFAULT_SLA_POLICY, after: changed });

    const again = policy({ high: 12 * H });
    await plainAdmin.invoke('sla.updatePolicy', again);
    const second = (await admin.invoke('audit.list', { limit: 1, action: 'sla.updatePolicy' })).entries[0];
    expect(second?.details).toMatchObject({ before: changed, after: again });
  });

  it('keeps the saved levels across a restart', async () => {
    const saved = await admin.invoke('sla.getPolicy', {});
    vault.restart();
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await client.invoke('sla.getPolicy', {})).toEqual(saved);
  });
});

describe('service levels changed behind Vigil\'s back', () => {
  it('are refused as VAULT_CORRUPT rather than counted with, and an administrator can save good ones over them', async () => {
    const vault = makeTestVault();
    try {
      const { admin } = await setUpVault(vault);
      const { db, repositories } = vault.core.services.custody.vault;
      db.transaction(() => repositories.settings.set('sla_policy', { targetsMs: { critical: -1 }, atRiskWindowMs: 'soon' }))();
      expect(await errorCodeOf(admin.invoke('sla.getPolicy', {}))).toBe('VAULT_CORRUPT');
      expect(await errorCodeOf(admin.invoke('analytics.stats', { timeZone: 'UTC' }))).toBe('VAULT_CORRUPT');
      await admin.invoke('sla.updatePolicy', DEFAULT_SLA_POLICY);
      expect(await admin.invoke('sla.getPolicy', {})).toEqual(DEFAULT_SLA_POLICY);
    } finally {
      vault.dispose();
    }
  });
});
