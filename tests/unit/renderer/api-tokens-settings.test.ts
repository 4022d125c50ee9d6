// Settings → API tokens against a real core: a person creates a token for a script (shown once, with
// how to use it), sees it listed as active, and revokes it; the role offered never exceeds theirs;
// an administrator sees everyone's tokens. The rules the section words things with are checked too.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { ApiTokenView } from '../../../src-shared/token-contract';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

const holder: { client: InProcessClient | null } = { client: null };

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke(channel: string, input: unknown) {
      if (!holder.client) throw new Error('no client');
      return (holder.client.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, input);
    },
  },
  onEvent: () => () => undefined,
}));

const { useApiTokensStore } = await import('../../../src-renderer/features/api-tokens/store');
const { grantableRoles, parseExpiryDays, tokenStatus, tokenUsage } = await import('../../../src-renderer/features/api-tokens/token-rules');
const { TokenCreatedDialog } = await import('../../../src-renderer/features/api-tokens/ApiTokensSection');

describe('API tokens in Settings, against the real core', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  let senior: InProcessClient;
  const store = useApiTokensStore.getState;

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  });
  afterAll(() => vault.dispose());
  beforeEach(() => store().reset());

  it('creates a token that signs a script in, lists it as active, and revokes it', async () => {
    holder.client = senior;
    await store().load();
    expect(store().tokens.data).toEqual([]);
    const secret = await store().create({ name: 'nightly audit check', role: 'viewer', expiresDays: 30 });
    expect(secret).toMatch(/^vigil_/);
    const [listed] = store().tokens.data;
    expect(listed).toMatchObject({ name: 'nightly audit check', owner: 'sam', role: 'viewer', revokedAt: null });
    expect(tokenStatus(listed!, vault.clock.now())).toBe('active');
    // The secret is not kept in the store: the dialog that shows it is its only holder.
    expect(JSON.stringify(store())).not.toContain(secret);
    const script = vault.client('cli');
    expect((await script.invoke('auth.tokenLogin', { token: secret })).username).toBe('sam');

    await store().revoke(listed!.id);
    expect(tokenStatus(store().tokens.data[0]!, vault.clock.now())).toBe('revoked');
    await store().load();
    expect(tokenStatus(store().tokens.data[0]!, vault.clock.now())).toBe('revoked');
    await expect(vault.client('cli').invoke('auth.tokenLogin', { token: secret })).rejects.toThrow();
  });

  it('offers roles up to the person\'s own, which is what main accepts', async () => {
    holder.client = senior;
    const offered = grantableRoles('senior_analyst');
    expect(offered).toEqual(['viewer', 'analyst', 'senior_analyst']);
    await expect(store().create({ name: 'too much', role: 'investigator' })).rejects.toThrow();
  });

  it('shows an administrator every user\'s tokens, with their owner', async () => {
    holder.client = admin;
    await store().load();
    expect(store().tokens.data.map((token) => token.owner)).toContain('sam');
  });
});

describe('the words and rules of the section', () => {
  const token = (change: Partial<ApiTokenView>): ApiTokenView => ({
    id: 't', name: 'n', owner: 'sam', role: 'viewer', createdAt: 0, expiresAt: null, revokedAt: null, lastUsedAt: null, ...change,
  });

  it('says revoked over expired, and expired once the expiry passed', () => {
    expect(tokenStatus(token({ expiresAt: 1000 }), 999)).toBe('active');
    expect(tokenStatus(token({ expiresAt: 1000 }), 1000)).toBe('expired');
    expect(tokenStatus(token({ expiresAt: 1000, revokedAt: 500 }), 2000)).toBe('revoked');
  });

  it('reads the expiry in whole days, empty for never', () => {
    expect(parseExpiryDays('')).toEqual({ days: undefined });
    expect(parseExpiryDays(' 30 ')).toEqual({ days: 30 });
    expect(parseExpiryDays('0')).toHaveProperty('problem');
    expect(parseExpiryDays('3651')).toHaveProperty('problem');
    expect(parseExpiryDays('1.5')).toHaveProperty('problem');
  });

  it('shows a new token once, with the warning and the command a script runs', () => {
    const html = renderToStaticMarkup(createElement(TokenCreatedDialog, { name: 'nightly', secret: 'vigil_abc', returnFocusTo: { current: null }, onClose: () => undefined }));
    expect(html).toContain('it will not be shown again');
    expect(html).toContain('vigil_abc');
    expect(html).toContain(tokenUsage('vigil_abc'));
    expect(tokenUsage('vigil_abc')).toBe('VIGIL_TOKEN=vigil_abc vigil audit verify');
  });
});
