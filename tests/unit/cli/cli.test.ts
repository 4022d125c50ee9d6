// The `vigil` command run in-process against a temp data directory: exit codes (0 ok, 1 failure,
// 2 usage), what it prints for scripts (--json), and who it lets act.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/cli-context';
import { createCore } from '../../../src-main/core';
import { createInProcessClient } from '../../../src-main/ipc/in-process-client';
import type { AuditVerification, UserView } from '../../../src-shared/model';
import type { WireError } from '../../../src-shared/errors';
import { TEST_KDF } from '../support/test-core';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ROOT_PASSWORD = 'granite lantern meadow';
const ALICE_PASSWORD = 'copper kettle harbour';
const RECOVERY_KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){12}$/;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stdin that is not a terminal, as under a script or CI: the CLI must not try to prompt. */
function pipedStdin(): NodeJS.ReadStream {
  const stream = new PassThrough() as unknown as NodeJS.ReadStream;
  stream.isTTY = false;
  return stream;
}

async function vigil(argv: string[], env: NodeJS.ProcessEnv = { VIGIL_PASSWORD: ROOT_PASSWORD }): Promise<Run> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const io: CliIo = { env, stdin: pipedStdin(), stdout, stderr: stderr as unknown as NodeJS.WriteStream };
  const code = await runCli(argv, io, TEST_KDF);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `vigil … --data <temp dir>`. */
function vigilHere(argv: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return vigil([...argv, '--data', dataDir], env);
}

function parsed<T>(run: Run): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

async function init(): Promise<{ recoveryKey: string }> {
  return parsed<{ recoveryKey: string }>(await vigilHere(['init', '--admin', 'root', '--json']));
}

async function listUsers(): Promise<UserView[]> {
  return parsed<UserView[]>(await vigilHere(['user', 'list', '--as', 'root', '--json']));
}

async function userNamed(name: string): Promise<UserView | undefined> {
  return (await listUsers()).find((u) => u.username === name);
}

async function addAlice(role = 'analyst'): Promise<string> {
  const result = parsed<{ user: UserView; oneTimePassword: string }>(
    await vigilHere(['user', 'add', 'alice', '--role', role, '--as', 'root', '--json']),
  );
  return result.oneTimePassword;
}

/** Alice signs in once in "the app" (a core on the same directory) and picks her own password. */
async function aliceSetsOwnPassword(oneTimePassword: string): Promise<void> {
  const core = createCore({ dataDir, kdf: TEST_KDF, sweepIntervalMs: null });
  try {
    const alice = createInProcessClient(core.router, 'test');
    const first = await alice.invoke('auth.login', { username: 'alice', password: oneTimePassword });
    expect(first.state).toBe('password_change_required');
    const after = await alice.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: ALICE_PASSWORD });
    expect(after.state).toBe('active');
  } finally {
    core.close();
  }
}

describe('vigil init', () => {
  it('creates a vault and prints its recovery key as 13 groups of 4 characters', async () => {
    const run = await vigilHere(['init', '--admin', 'root', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { recoveryKey: string; admin: string; dataDir: string };
    expect(output.admin).toBe('root');
    expect(output.dataDir).toBe(dataDir);
    expect(output.recoveryKey).toMatch(RECOVERY_KEY_SHAPE);
    expect(output.recoveryKey.split('-')).toHaveLength(13);
  });

  it('leaves the admin ready to work: the recovery key is already confirmed', async () => {
    await init();
    const users = await listUsers();
    expect(users.map((u) => u.username)).toEqual(['root']);
    expect(users[0]).toMatchObject({ role: 'super_admin', mustChangePassword: false, disabled: false });
  });

  it('gives two vaults two different recovery keys', async () => {
    const first = await init();
    const otherDir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    try {
      const second = parsed<{ recoveryKey: string }>(await vigil(['init', '--admin', 'root', '--json', '--data', otherDir]));
      expect(second.recoveryKey).toMatch(RECOVERY_KEY_SHAPE);
      expect(second.recoveryKey).not.toBe(first.recoveryKey);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('refuses to initialise a directory that already holds a vault, and keeps the first one', async () => {
    await init();
    const again = await vigilHere(['init', '--admin', 'root', '--json'], { VIGIL_PASSWORD: 'a different passphrase' });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('vigil: This data directory already holds a vault\n');
    expect((JSON.parse(again.stdout) as { error: WireError }).error.code).toBe('ALREADY_INITIALIZED');
    // The original admin and password still work.
    expect((await listUsers()).map((u) => u.username)).toEqual(['root']);
  });

  it('refuses a password that contains the username', async () => {
    const run = await vigilHere(['init', '--admin', 'root'], { VIGIL_PASSWORD: 'rootrootroot99' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must not contain the username');
    // The refusal created nothing: a proper init afterwards succeeds.
    expect((await init()).recoveryKey).toMatch(RECOVERY_KEY_SHAPE);
  });

  it('asks for VIGIL_PASSWORD when there is no terminal to prompt on, and creates nothing', async () => {
    const run = await vigilHere(['init', '--admin', 'root'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('VIGIL_PASSWORD');
    // Nothing half-made: a proper init afterwards succeeds.
    expect((await init()).recoveryKey).toMatch(RECOVERY_KEY_SHAPE);
  });
});

describe('vigil user', () => {
  it('adds a user with a one-time password that must be changed at first sign-in', async () => {
    await init();
    const oneTimePassword = await addAlice();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    const alice = await userNamed('alice');
    expect(alice).toMatchObject({ role: 'analyst', mustChangePassword: true, disabled: false });
  });

  it('changes a role, disables, enables and resets a password, as user list then shows', async () => {
    await init();
    const firstPassword = await addAlice();

    const setRole = await vigilHere(['user', 'set-role', 'alice', 'viewer', '--as', 'root', '--json']);
    expect(parsed<UserView>(setRole).role).toBe('viewer');
    expect((await userNamed('alice'))?.role).toBe('viewer');

    expect(parsed<UserView>(await vigilHere(['user', 'disable', 'alice', '--as', 'root', '--json'])).disabled).toBe(true);
    expect((await userNamed('alice'))?.disabled).toBe(true);

    const enabled = parsed<{ user: UserView; oneTimePassword: string }>(await vigilHere(['user', 'enable', 'alice', '--as', 'root', '--json']));
    expect(enabled.user.disabled).toBe(false);
    expect(enabled.oneTimePassword).not.toBe(firstPassword);
    expect((await userNamed('alice'))).toMatchObject({ disabled: false, mustChangePassword: true });

    await aliceSetsOwnPassword(enabled.oneTimePassword);
    expect((await userNamed('alice'))?.mustChangePassword).toBe(false);

    const reset = parsed<{ user: UserView; oneTimePassword: string }>(await vigilHere(['user', 'reset-password', 'alice', '--as', 'root', '--json']));
    expect(reset.oneTimePassword).not.toBe(enabled.oneTimePassword);
    expect((await userNamed('alice'))?.mustChangePassword).toBe(true);
    // Her chosen password no longer opens the account.
    const old = await vigilHere(['user', 'list', '--as', 'alice'], { VIGIL_PASSWORD: ALICE_PASSWORD });
    expect(old.code).toBe(1);
    expect(old.stderr).toBe('vigil: Wrong username or password\n');
  });

  it('reports a user that does not exist', async () => {
    await init();
    const run = await vigilHere(['user', 'disable', 'nobody', '--as', 'root']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('vigil: No user named nobody\n');
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    await init();
    const wrong = await vigilHere(['user', 'list', '--as', 'root'], { VIGIL_PASSWORD: 'not the right passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('vigil: Wrong username or password\n');
    expect(wrong.stdout).toBe('');
    const unknown = await vigilHere(['user', 'list', '--as', 'mallory'], { VIGIL_PASSWORD: 'not the right passphrase' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(wrong.stderr);
  });

  it('refuses an account that still has its one-time password, saying what to do', async () => {
    await init();
    const oneTimePassword = await addAlice();
    const run = await vigilHere(['user', 'list', '--as', 'alice', '--json'], { VIGIL_PASSWORD: oneTimePassword });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('vigil: This account must set its own password first: sign in once in the app\n');
    expect((JSON.parse(run.stdout) as { error: WireError }).error.code).toBe('SESSION_STATE');
  });

  it('refuses user administration to an analyst', async () => {
    await init();
    await aliceSetsOwnPassword(await addAlice('analyst'));
    const run = await vigilHere(['user', 'list', '--as', 'alice', '--json'], { VIGIL_PASSWORD: ALICE_PASSWORD });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('vigil: Your role does not allow this\n');
    expect((JSON.parse(run.stdout) as { error: WireError }).error.code).toBe('FORBIDDEN');
    const add = await vigilHere(['user', 'add', 'bob', '--role', 'admin', '--as', 'alice'], { VIGIL_PASSWORD: ALICE_PASSWORD });
    expect(add.code).toBe(1);
    expect((await userNamed('bob'))).toBeUndefined();
  });
});

describe('vigil audit verify', () => {
  it('reports an intact audit chain with the entries it checked', async () => {
    await init();
    await addAlice();
    const result = parsed<AuditVerification>(await vigilHere(['audit', 'verify', '--as', 'root', '--json']));
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(0);
    expect(result.problem).toBeNull();
  });

  it('counts the entries each further action adds', async () => {
    await init();
    const before = parsed<AuditVerification>(await vigilHere(['audit', 'verify', '--as', 'root', '--json'])).checked;
    await addAlice();
    const after = parsed<AuditVerification>(await vigilHere(['audit', 'verify', '--as', 'root', '--json'])).checked;
    expect(after).toBeGreaterThan(before);
  });
});

describe('usage errors exit 2', () => {
  it('prints the usage and exits 2 when no command is given', async () => {
    const run = await vigil([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage:');
  });

  it('prints the usage and exits 0 when help is asked for', async () => {
    const run = await vigil(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('vigil init --data DIR --admin NAME');
  });

  it.each([
    { what: 'an unknown command', argv: ['frobnicate'], says: 'Unknown command "frobnicate"' },
    { what: 'an unknown flag', argv: ['user', 'list', '--as', 'root', '--frobnicate'], says: '--frobnicate' },
    { what: 'init without --admin', argv: ['init'], says: '--admin is required' },
    { what: 'user without an action', argv: ['user', '--as', 'root'], says: 'Missing action' },
  ])('exits 2 on $what', async ({ argv, says }) => {
    const run = await vigilHere(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).toContain('Run "vigil help" for usage.');
  });

  it('exits 2 on an unknown role and creates no user', async () => {
    await init();
    const run = await vigilHere(['user', 'add', 'alice', '--role', 'wizard', '--as', 'root']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown role "wizard"');
    expect(await userNamed('alice')).toBeUndefined();
  });

  it('exits 2 when USERNAME is missing', async () => {
    await init();
    for (const action of ['add', 'disable', 'enable', 'reset-password', 'set-role']) {
      const run = await vigilHere(['user', action, '--role', 'analyst', '--as', 'root']);
      expect(run.code, action).toBe(2);
      expect(run.stderr, action).toContain('Missing USERNAME');
    }
  });

  it('asks for VIGIL_PASSWORD when signing in without a terminal', async () => {
    await init();
    const run = await vigilHere(['user', 'list', '--as', 'root'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('VIGIL_PASSWORD');
  });
});

describe('the installed command', () => {
  const built = join(repoRoot, 'out/main/cli.js');

  it.skipIf(!existsSync(built))('runs from bin/vigil.js and prints help', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'bin/vigil.js'), 'help'], { encoding: 'utf8', timeout: 10_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('vigil user add USERNAME --role ROLE');
  });
});
