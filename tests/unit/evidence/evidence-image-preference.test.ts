import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';

let vault: TestVault;
beforeAll(() => { vault = makeTestVault(); });
afterAll(() => vault.dispose());

describe('the evidence-image preference', () => {
  it('starts blurred, is kept per user across sign-ins, and leaves the theme alone', async () => {
    const { admin } = await setUpVault(vault);
    const ann = await addUser(vault, admin, 'ann', 'analyst');
    expect(await ann.invoke('preferences.get', {})).toEqual({ theme: 'system', evidenceImages: 'blurred' });
    await ann.invoke('preferences.update', { theme: 'dark' });
    expect(await ann.invoke('preferences.update', { evidenceImages: 'shown' })).toEqual({ theme: 'dark', evidenceImages: 'shown' });
    expect(await admin.invoke('preferences.get', {})).toEqual({ theme: 'system', evidenceImages: 'blurred' });
    const again = vault.client();
    await again.invoke('auth.login', { username: 'ann', password: USER_PASSWORD });
    expect(await again.invoke('preferences.get', {})).toEqual({ theme: 'dark', evidenceImages: 'shown' });
  });
});
