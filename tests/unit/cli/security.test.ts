// `vigil security incidents|resolve`: five failed sign-ins are listed as an incident (the command scans
// the log first when it holds the vault itself); resolving needs a note. (The four-eyes refusal is
// tested through the channel in tests/unit/security: the subject here is locked out by the failures.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecurityIncidentPage } from '../../../src-shared/security-model';
import { runVigil } from '../support/cli-run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil security', () => {
  it('lists the incident five failed sign-ins open, and resolves it with a note', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-security-'));
    expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
    expect((await runVigil(dir, ['user', 'add', 'sam', '--role', 'analyst', '--as', 'root'])).code).toBe(0);
    expect((await runVigil(dir, ['security', 'incidents', '--as', 'root'])).out).toContain('No security incidents.');
    for (let i = 0; i < 5; i += 1) {
      const failed = await runVigil(dir, ['audit', 'verify', '--as', 'sam'], { VIGIL_PASSWORD: 'not the password at all' });
      expect(failed.code).toBe(1);
    }
    const listed = await runVigil(dir, ['security', 'incidents', '--status', 'open', '--as', 'root', '--json']);
    expect(listed.code, listed.err).toBe(0);
    const page = JSON.parse(listed.out) as SecurityIncidentPage;
    const incident = page.incidents.find((i) => i.rule === 'signin_failures_user');
    expect(incident).toMatchObject({ subject: { name: 'sam' }, evidenceCount: 5, status: 'open' });
    const human = await runVigil(dir, ['security', 'incidents', '--as', 'root']);
    expect(human.out).toContain(incident?.id);
    expect(human.out).toContain('Failed sign-ins for one account');

    // Resolving says how.
    expect((await runVigil(dir, ['security', 'resolve', incident?.id ?? '', '--as', 'root'])).code).toBe(2);
    const resolved = await runVigil(dir, ['security', 'resolve', incident?.id ?? '', '--note', 'sam mistyped', '--as', 'root']);
    expect(resolved.code, resolved.err).toBe(0);
    expect(resolved.out).toContain('is now resolved');
    const after = JSON.parse((await runVigil(dir, ['security', 'incidents', '--status', 'resolved', '--as', 'root', '--json'])).out) as SecurityIncidentPage;
    expect(after.incidents.find((i) => i.id === incident?.id)).toMatchObject({ resolution: { note: 'sam mistyped', by: { name: 'root' } } });
  }, 60_000);

  it('refuses unknown actions and filters as usage errors', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-security-'));
    expect((await runVigil(dir, ['security', 'purge', '--as', 'root'])).code).toBe(2);
    expect((await runVigil(dir, ['security', 'incidents', '--status', 'closed', '--as', 'root'])).code).toBe(2);
  });
});
