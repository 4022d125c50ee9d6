// `vigil token create|list|revoke` and VIGIL_TOKEN: a script signs in with the token instead of
// --as, password and two-factor code; a revoked token is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runVigil } from '../support/cli-run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `vigil …` with only VIGIL_TOKEN in the environment: no password to fall back on. */
const withToken = (token: string, argv: string[]) => runVigil(dir, argv, { VIGIL_TOKEN: token });

describe('vigil token', () => {
  it('creates a token shown once, which a script then uses instead of --as, until it is revoked', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-token-'));
    expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
    const created = await runVigil(dir, ['token', 'create', '--name', 'nightly', '--role', 'admin', '--expires', '30', '--as', 'root', '--json']);
    expect(created.code, created.err).toBe(0);
    const { token, info } = JSON.parse(created.out) as { token: string; info: { id: string; role: string } };
    expect(info.role).toBe('admin');
    const viewer = JSON.parse((await runVigil(dir, ['token', 'create', '--name', 'dashboard', '--role', 'viewer', '--as', 'root', '--json'])).out) as { token: string };
    const human = await runVigil(dir, ['token', 'create', '--name', 'second', '--as', 'root']);
    expect(human.out).toMatch(/It is shown only now; store it like a password:\n\n {2}vigil_[A-Za-z0-9_-]{43}\n/);

    const verify = await withToken(token, ['audit', 'verify']);
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/^Audit chain intact/);
    expect((await withToken(token, ['export', 'alerts', '--format', 'csv', '--out', join(dir, 'a.csv')])).code).toBe(0);
    // Bound to viewer: no export, whatever its owner may do.
    const bound = await withToken(viewer.token, ['export', 'alerts', '--format', 'csv', '--out', join(dir, 'b.csv')]);
    expect(bound.code).toBe(1);
    expect(bound.err).toContain('Your role does not allow this');

    const listed = await runVigil(dir, ['token', 'list', '--as', 'root']);
    expect(listed.out).toContain('nightly');
    expect(listed.out).toContain('active until');
    expect((await runVigil(dir, ['token', 'revoke', info.id, '--as', 'root'])).out).toContain('Revoked API token "nightly" of root');
    const refused = await withToken(token, ['audit', 'verify']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('This API token is not valid');
  }, 30_000);

  it('refuses a role above the creator\'s and bad options as usage errors', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-token-'));
    expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
    expect((await runVigil(dir, ['token', 'create', '--name', 'x', '--role', 'emperor', '--as', 'root'])).code).toBe(2);
    expect((await runVigil(dir, ['token', 'create', '--name', 'x', '--expires', '0', '--as', 'root'])).code).toBe(2);
    expect((await runVigil(dir, ['token', 'rotate', '--as', 'root'])).code).toBe(2);
  }, 30_000);
});
