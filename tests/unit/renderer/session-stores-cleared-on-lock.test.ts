// Nothing of the vault survives a lock, a sign-out or an ended session in the renderer: every store
// module under src-renderer is found and loaded (so a new store that forgets to join the session
// scope fails here), filled — the triage queue, an alert's detail, a PII reveal, an entity and
// search results from a real core, every other store with a canary — and after the session leaves
// every store equals the state it was created with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { ADMIN, addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { insertAlert, insertEntity, vaultDb } from '../actions/workspace-fixtures';

const holder = {
  client: null as InProcessClient | null,
  held: new Set<string>(),
  release: Promise.resolve(),
  /** Answers waiting at the hold, and who to tell when enough have arrived. */
  waiting: 0,
  onWaiting: () => undefined as void,
};

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    async invoke(channel: string, input: unknown) {
      if (!holder.client) throw new Error('no client');
      const result = await (holder.client.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, input);
      // A held channel's answer is read before the lock and delivered after it.
      if (holder.held.has(channel)) {
        holder.waiting += 1;
        holder.onWaiting();
        await holder.release;
      }
      return result;
    },
  },
  onEvent: () => () => undefined,
}));

// navigation.ts reads the URL hash when it is created.
vi.stubGlobal('window', { location: { hash: '' } });

/** Stores whose content is not vault data, each with the reason. */
const NOT_SESSION_SCOPED: Record<string, string> = {
  'kit/navigation.ts': 'the page in the URL; the page itself re-reads its data',
  'kit/session-store.ts': 'the session itself: it drives the reset',
  'features/preferences/store.ts': "the user's theme and image blur, reset when the user changes",
  'features/auth/vault-upgrade-store.ts': 'how far a schema upgrade has got (versions and a count, nothing from the vault), shown before any session',
};

const RENDERER = join(import.meta.dirname, '../../../src-renderer');

function storeModules(): string[] {
  const files = readdirSync(RENDERER, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  // zustand or its entry points (zustand/vanilla, zustand/middleware): any file that can make a store.
  return files.filter((file) => /from 'zustand(\/[\w-]+)?'/.test(readFileSync(join(RENDERER, file), 'utf8'))).map((file) => file.split('\\').join('/'));
}

type AnyStore = StoreApi<Record<string, unknown>>;
const isStore = (value: unknown): value is AnyStore =>
  typeof value === 'function' && 'getState' in value && 'setState' in value && 'getInitialState' in value;

const scoped: { file: string; name: string; store: AnyStore }[] = [];
for (const file of storeModules()) {
  const module = (await import(join(RENDERER, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (isStore(value) && !(file in NOT_SESSION_SCOPED)) scoped.push({ file, name, store: value });
  }
}
const { useSessionStore } = await import('../../../src-renderer/kit/session-store');
const { useTriageStore } = await import('../../../src-renderer/features/triage/store');
const { useAlertDetailStore } = await import('../../../src-renderer/features/triage/detail-store');
const { usePiiStore } = await import('../../../src-renderer/features/pii/store');
const { useEntityStore } = await import('../../../src-renderer/features/entities/store');
const { useSearchStore } = await import('../../../src-renderer/features/search/store');

const CANARY = 'canary-from-the-vault';

/** Every data field of every session-scoped store holds a canary (actions are left alone). */
function fillWithCanaries(): void {
  for (const { store } of scoped) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(store.getState())) if (typeof value !== 'function') filled[key] = { [key]: CANARY };
    store.setState(filled);
  }
}

function leftovers(): string[] {
  return scoped
    .filter(({ store }) => JSON.stringify(store.getState()) !== JSON.stringify(store.getInitialState()) || JSON.stringify(store.getState()).includes(CANARY))
    .map(({ file, name }) => `${file} ${name}`);
}

describe('renderer state when the session leaves', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  let entityId = '';
  let alertId = '';

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    await addUser(vault, admin, 'alice', 'analyst');
    await addUser(vault, admin, 'bob', 'analyst');
    const db = vaultDb(vault);
    entityId = insertEntity(db, 'email', 'mallory@example.com');
    alertId = insertAlert(db, { title: 'Payout to mallory@example.com from a new device', entityIds: [entityId] });
  });

  afterAll(() => vault.dispose());

  beforeEach(async () => {
    holder.client = vault.client('window');
    await useSessionStore.getState().login({ username: 'alice', password: USER_PASSWORD });
    expect(useSessionStore.getState().session?.state).toBe('active');
  });

  it('finds the stores to check', () => {
    const files = new Set(scoped.map(({ file }) => file));
    for (const file of ['features/triage/store.ts', 'features/triage/detail-store.ts', 'features/pii/store.ts', 'features/entities/store.ts', 'features/search/store.ts']) {
      expect(files).toContain(file);
    }
  });

  it('a lock leaves no triage rows, alert detail, PII reveal, entity, search result or anything else in any store', async () => {
    fillWithCanaries();
    const named = [useTriageStore, useAlertDetailStore, usePiiStore, useEntityStore, useSearchStore] as const;
    for (const store of named as readonly unknown[] as AnyStore[]) store.setState(store.getInitialState(), true);
    await useTriageStore.getState().setQuery({}, 'newest');
    await useAlertDetailStore.getState().load(alertId);
    await usePiiStore.getState().reveal(entityId, 'checking the payout account owner');
    await useEntityStore.getState().load(entityId);
    await useSearchStore.getState().run('payout');
    const read = JSON.stringify(named.map((store) => store.getState()));
    expect(read).toContain('mallory@example.com');
    expect(read).toContain('Payout to');
    await useSessionStore.getState().lock();
    expect(useSessionStore.getState().session?.state).toBe('locked');
    expect(leftovers()).toEqual([]);
    expect(JSON.stringify(scoped.map(({ store }) => store.getState()))).not.toContain('mallory');
    await useSessionStore.getState().unlock(USER_PASSWORD);
  });

  /**
   * Starts `reads` with the answers of `channels` held after the core answered them; once
   * `answers` are waiting, locks, then lets them through.
   */
  async function lockWhileAnswering(channels: string[], answers: number, reads: () => Promise<unknown>[]): Promise<void> {
    holder.waiting = 0;
    let release = () => undefined as void;
    holder.release = new Promise<void>((resolve) => { release = resolve; });
    channels.forEach((channel) => holder.held.add(channel));
    const started = reads();
    await new Promise<void>((resolve) => {
      holder.onWaiting = () => holder.waiting >= answers && resolve();
      holder.onWaiting();
    });
    await useSessionStore.getState().lock();
    expect(useSessionStore.getState().session?.state).toBe('locked');
    release();
    await Promise.allSettled(started);
    holder.held.clear();
  }

  it('an answer read before the lock and arriving after it is dropped, not written back', async () => {
    const channels = ['alerts.list', 'alerts.count', 'alerts.get', 'alerts.similar', 'alerts.matchesFilter', 'entities.get', 'search.query', 'search.history', 'search.savedList', 'pii.reveals', 'pii.reveal'];
    // triage: list + count; detail: get + similar + matchesFilter; entity: get + list; search; pii: list + reveal
    await lockWhileAnswering(channels, 10, () => [
      useTriageStore.getState().setQuery({}, 'newest'),
      useAlertDetailStore.getState().load(alertId),
      useEntityStore.getState().load(entityId),
      useSearchStore.getState().run('payout'),
      usePiiStore.getState().load(),
      usePiiStore.getState().reveal(entityId, 'checking the payout account owner'),
    ]);
    expect(leftovers()).toEqual([]);
    await useSessionStore.getState().unlock(USER_PASSWORD);
  });

  it("an administrator's lists, a one-time password and a 2FA secret on their way at the lock are dropped", async () => {
    await useSessionStore.getState().logout();
    holder.client = vault.client('window');
    await useSessionStore.getState().login({ username: ADMIN.username, password: ADMIN.password });
    const bob = (await holder.client.invoke('users.list', {})).find((user) => user.username === 'bob');
    const { useUsersStore } = await import('../../../src-renderer/features/users/store');
    const { useSessionsStore } = await import('../../../src-renderer/features/sessions/store');
    const { useSecurityPolicyStore } = await import('../../../src-renderer/features/security-policy/store');
    const { useDirectoryStore } = await import('../../../src-renderer/features/investigations/directory-store');
    const { useActionsStore } = await import('../../../src-renderer/features/actions/store');
    const { useAuditStore } = await import('../../../src-renderer/features/audit/store');
    const { useTwoFactorStore } = await import('../../../src-renderer/features/two-factor/store');
    const channels = [
      'users.list', 'users.resetPassword', 'sessions.list', 'system.getSettings', 'users.directory', 'investigations.templates', 'actions.list',
      'audit.verify', 'twoFactor.begin',
    ];
    await lockWhileAnswering(channels, channels.length, () => [
      useUsersStore.getState().load(),
      useUsersStore.getState().resetPassword(bob?.id ?? ''),
      useSessionsStore.getState().load(),
      useSecurityPolicyStore.getState().load(),
      useDirectoryStore.getState().ensureLoaded(),
      useActionsStore.getState().loadAwaiting(),
      useAuditStore.getState().verify(),
      useTwoFactorStore.getState().begin(),
    ]);
    expect(leftovers()).toEqual([]);
    await useSessionStore.getState().unlock(ADMIN.password);
  });

  it('signing out leaves nothing in any store', async () => {
    fillWithCanaries();
    await useSessionStore.getState().logout();
    expect(leftovers()).toEqual([]);
  });

  it('a session ended elsewhere (expired, ended by an admin) leaves nothing in any store', async () => {
    fillWithCanaries();
    useSessionStore.getState().receiveServerView(null);
    expect(useSessionStore.getState().notice).not.toBeNull();
    expect(leftovers()).toEqual([]);
  });
});
