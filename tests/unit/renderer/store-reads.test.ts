// Stores read through the kit's slot, so a screen never shows an older answer over a newer one and
// every store reports a failed read the same way (slot.error).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VigilError } from '../../../src-shared/errors';
import type { UserView } from '../../../src-shared/model';

const answers = new Map<string, ((value: unknown) => void)[]>();
const failures = new Map<string, ((error: unknown) => void)[]>();

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke: (channel: string) =>
      new Promise((resolve, reject) => {
        answers.set(channel, [...(answers.get(channel) ?? []), resolve]);
        failures.set(channel, [...(failures.get(channel) ?? []), reject]);
      }),
  },
  onEvent: () => () => undefined,
}));

const { useUsersStore } = await import('../../../src-renderer/features/users/store');
const { useSecurityPolicyStore } = await import('../../../src-renderer/features/security-policy/store');

const user = (username: string) => ({ id: username, username }) as unknown as UserView;

beforeEach(() => {
  answers.clear();
  failures.clear();
  useUsersStore.getState().reset();
  useSecurityPolicyStore.getState().reset();
});

describe('a store reading from main', () => {
  it('keeps the newer list when an older refresh answers last', async () => {
    const older = useUsersStore.getState().load();
    const newer = useUsersStore.getState().load();
    const [answerOlder, answerNewer] = answers.get('users.list') ?? [];
    answerNewer?.([user('ada'), user('grace')]);
    await newer;
    answerOlder?.([user('ada')]);
    await older;
    expect(useUsersStore.getState().users.data.map((u) => u.username)).toEqual(['ada', 'grace']);
    expect(useUsersStore.getState().users.status).toBe('ready');
  });

  it('reports a failed read under the slot’s error, worded for the screen', async () => {
    const loading = useSecurityPolicyStore.getState().load();
    failures.get('system.getSettings')?.[0]?.(new VigilError('FORBIDDEN', 'Only an administrator may read this.'));
    await loading;
    expect(useSecurityPolicyStore.getState().settings).toEqual({ status: 'failed', data: null, error: 'Only an administrator may read this.' });
  });
});
