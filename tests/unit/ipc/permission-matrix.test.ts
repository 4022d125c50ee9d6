import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../../src-shared/contract';
import { ROLES, roleHas, type Role } from '../../../src-shared/permissions';
import type { InvokeResult } from '../../../src-shared/errors';
import { addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';

let vault: TestVault;

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  for (const role of ROLES) await addUser(vault, admin, `user-${role.replace('_', '-')}`, role);
});
afterAll(() => vault.dispose());

async function invokeAs(role: Role, channel: ChannelName): Promise<InvokeResult<unknown>> {
  const client = vault.client();
  await client.invoke('auth.login', { username: `user-${role.replace('_', '-')}`, password: USER_PASSWORD });
  // An empty input: the permission check runs before validation, so no handler side effects are needed.
  return vault.core.router.invoke(channel, {}, client.caller);
}

describe('every channel × every role', () => {
  for (const channel of CHANNEL_NAMES) {
    const access = contract[channel].access;
    it(`${channel} (${access.kind === 'permission' ? access.permission : access.kind})`, async () => {
      for (const role of ROLES) {
        const result = await invokeAs(role, channel);
        const forbidden = !result.ok && result.error.code === 'FORBIDDEN';
        const expectForbidden = access.kind === 'permission' && !roleHas(role, access.permission);
        expect({ role, forbidden }).toEqual({ role, forbidden: expectForbidden });
      }
      const anonymous = await vault.core.router.invoke(channel, {}, vault.client().caller);
      if (access.kind !== 'public') expect(anonymous).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    });
  }

  it('gives the most sensitive channels and rights (admin, audit, config, PII) to the intended roles only', () => {
    const needs = (c: ChannelName) => {
      const access = contract[c].access;
      return access.kind === 'permission' ? access.permission : access.kind;
    };
    expect(needs('users.create')).toBe('admin_access');
    expect(needs('sessions.end')).toBe('admin_access');
    expect(needs('audit.verify')).toBe('audit_access');
    expect(needs('system.updateSettings')).toBe('system_config');
    expect(roleHas('analyst', 'access_pii')).toBe(false);
    expect(roleHas('senior_analyst', 'access_pii')).toBe(true);
    expect(roleHas('admin', 'system_config')).toBe(false);
    expect(ROLES.filter((r) => roleHas(r, 'admin_access'))).toEqual(['admin', 'super_admin']);
  });

  it('denies by default: an unknown channel is refused', async () => {
    const result = await vault.core.router.invoke('users.dropTable', {}, vault.client().caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
