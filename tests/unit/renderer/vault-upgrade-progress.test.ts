// While the vault upgrades to a new format, the sign-in screens show how far it has got, in words and
// as an accessible progress bar, rather than a spinner that looks frozen.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { VaultUpgradeProgress } from '../../../src-shared/events';
import { upgradePercent, VaultUpgradeProgressBar } from '../../../src-renderer/features/auth/VaultUpgradeProgressBar';

const listeners = new Map<string, (payload: unknown) => void>();
vi.mock('../../../src-renderer/api/client', () => ({
  onEvent: (event: string, listener: (payload: unknown) => void) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  },
}));

const render = (done: number, total = 1000) =>
  renderToStaticMarkup(createElement(VaultUpgradeProgressBar, { progress: { fromVersion: 18, toVersion: 19, done, total } }));

describe('the vault upgrade progress', () => {
  it('says what is happening and how far it has got', () => {
    const html = render(420);
    expect(html).toContain('Upgrading the vault to a new format…');
    expect(html).toContain('42 %');
    expect(html).toContain('width:42%');
  });

  it('is a progress bar a screen reader can read', () => {
    const html = render(420);
    const bar = /<div[^>]*role="progressbar"[^>]*>/.exec(html)?.[0] ?? '';
    expect(bar).toContain('aria-valuenow="42"');
    expect(bar).toContain('aria-valuemin="0"');
    expect(bar).toContain('aria-valuemax="100"');
    expect(bar).toContain('aria-labelledby="vault-upgrade-label"');
    expect(html).toContain('id="vault-upgrade-label"');
  });

  it('rounds down, so 100 % only shows once the upgrade has committed', () => {
    expect(upgradePercent({ fromVersion: 18, toVersion: 19, done: 999, total: 1000 })).toBe(99);
    expect(upgradePercent({ fromVersion: 18, toVersion: 19, done: 1000, total: 1000 })).toBe(100);
    expect(upgradePercent({ fromVersion: 18, toVersion: 19, done: 0, total: 1000 })).toBe(0);
  });
});

describe('the sign-in screens follow main\'s vault.upgrading pushes', () => {
  const push = (progress: VaultUpgradeProgress) => listeners.get('vault.upgrading')?.(progress);

  it('show the bar while an upgrade runs and drop it once it commits or fails', async () => {
    const { useVaultUpgradeStore } = await import('../../../src-renderer/features/auth/vault-upgrade-store');
    const shown = () => useVaultUpgradeStore.getState().progress;
    expect(shown()).toBeNull();
    push({ fromVersion: 18, toVersion: 19, done: 0, total: 1000 });
    push({ fromVersion: 18, toVersion: 19, done: 310, total: 1000 });
    expect(shown()?.done).toBe(310);
    push({ fromVersion: 18, toVersion: 19, done: 1000, total: 1000 });
    expect(shown()).toBeNull();
    push({ fromVersion: 18, toVersion: 19, done: 500, total: 1000 });
    push({ fromVersion: 18, toVersion: 19, done: 500, total: 1000, failed: true });
    expect(shown()).toBeNull();
  });
});
