import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

const OTHER_PASSWORD = 'the other long passphrase';

function runUntilKilled(args: string[], killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'rewrite-slots-forever.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

describe('a crash while rewriting key slots', () => {
  it('always leaves a vault that opens with the old or the new password', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const userId = (await admin.invoke('users.list', {}))[0]?.id ?? '';
    const dataKey = vault.core.services.custody.copyDataKey().toString('hex');
    vault.core.close();
    const slotPath = join(vault.dir, 'keyslots.json');
    const opensWith = { old: 0, new: 0 };
    for (let round = 0; round < 8; round += 1) {
      await runUntilKilled([slotPath, userId, ADMIN.username, dataKey, ADMIN.password, OTHER_PASSWORD], 150 + Math.floor(Math.random() * 250));
      vault.restart();
      const client = vault.client();
      const first = await vault.core.router.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }, client.caller);
      const second = first.ok ? null : await vault.core.router.invoke('auth.login', { username: ADMIN.username, password: OTHER_PASSWORD }, client.caller);
      expect(first.ok || second?.ok).toBe(true);
      if (first.ok) opensWith.old += 1;
      else opensWith.new += 1;
      expect(await client.invoke('users.list', {})).toHaveLength(1);
      vault.core.close();
    }
    // The child really rewrote the slots: across rounds both passwords were in force at some kill.
    expect(opensWith.old + opensWith.new).toBe(8);
    expect(opensWith.new).toBeGreaterThan(0);
    // Temp files a kill left behind are swept away when the app starts.
    vault.restart();
    expect(readdirSync(vault.dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});
