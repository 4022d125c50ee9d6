// Arbitrary input on every channel: only typed errors come back, never a crash or an INTERNAL
// error, and a refused call leaves the vault exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANNEL_NAMES, type ChannelName } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/errors';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let admin: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('users.create', { username: 'target', displayName: 'Target', role: 'analyst' });
});
afterAll(() => vault.dispose());

/** The figure the suite reports: inputs tried, refused with a typed error, accepted as valid. */
const tally = { tried: 0, typed: 0, accepted: 0 };
afterAll(() => {
  console.log(`channel fuzz: ${tally.tried} inputs tried on ${CHANNEL_NAMES.length} channels → ${tally.typed} typed errors, ${tally.accepted} accepted as valid, 0 INTERNAL`);
});

// Channels that end or lock the fuzzing session on success are fuzzed separately from a throwaway session.
const SESSION_ENDING = new Set<ChannelName>(['auth.logout', 'auth.lock']);

/** Everything a refused call must not change: every table but the audit log, plus the key slots. */
function snapshot(): string {
  const db = vault.core.services.custody.vault.db;
  const tables = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name",
  ).all();
  // Sorted in JavaScript: WITHOUT ROWID tables have no rowid to order by.
  const rows = tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]);
  const slots = vault.core.services.keySlots.read();
  return JSON.stringify([rows, slots.slots.map((s) => [s.id, s.wrapped])]);
}

const hostileValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom('', ' ', '\u0000', '__proto__', 'constructor', "'; DROP TABLE users; --", 'a'.repeat(5000), '😀', '../../etc/passwd'),
  fc.integer(),
  fc.double(),
);
const hostileInput = fc.oneof(
  fc.anything(),
  fc.dictionary(
    fc.constantFrom('username', 'password', 'role', 'userId', 'sessionId', 'theme', 'code', 'limit', 'beforeSeq', 'action',
      'displayName', 'vaultName', 'recoveryKey', 'newPassword', 'currentPassword', 'idleLockSeconds', 'sessionLifetimeHours', '__proto__'),
    hostileValue,
  ),
);

describe('fuzzing every channel', () => {
  for (const channel of CHANNEL_NAMES.filter((c) => !SESSION_ENDING.has(c))) {
    it(`${channel} answers hostile input with typed errors and no partial writes`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, async (input) => {
          const before = snapshot();
          const result = await vault.core.router.invoke(channel, input, admin.caller);
          tally.tried += 1;
          if (result.ok) tally.accepted += 1;
          if (!result.ok) {
            tally.typed += 1;
            expect(ERROR_CODES).toContain(result.error.code);
            expect(result.error.code).not.toBe('INTERNAL');
            expect(JSON.stringify(result.error)).not.toMatch(/\n\s+at /);
            expect(snapshot()).toBe(before);
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('session-ending channels refuse hostile input without ending the session', async () => {
    for (const channel of SESSION_ENDING) {
      await fc.assert(
        // No input (undefined, null or {}) is a valid call: everything else must be refused.
        fc.asyncProperty(hostileInput.filter((i) => i !== undefined && i !== null && !(typeof i === 'object' && Object.keys(i).length === 0)), async (input) => {
          const result = await vault.core.router.invoke(channel, input, admin.caller);
          if (!result.ok) expect(result.error.code).toBe('VALIDATION');
          if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
        }),
        { numRuns: 40 },
      );
    }
  });
});
