// The renderer's words for case packages and where the palette offers them: pure, no browser.
import { describe, expect, it } from 'vitest';
import { commandsFor, filterCommands } from '../../../src-renderer/app/commands';
import { looksLikePackage, passphraseHint } from '../../../src-renderer/features/case-package/case-package-format';
import { permissionsOf } from '../../../src-shared/permissions';

describe('case packages in the command palette', () => {
  it('offers export only on an open investigation and only to roles that may take real values out', () => {
    const ids = (role: Parameters<typeof permissionsOf>[0], open: string | null) => commandsFor(permissionsOf(role), { openInvestigationId: open }).map((c) => c.id);
    expect(ids('senior_analyst', 'inv-1')).toEqual(expect.arrayContaining(['case:export', 'case:import']));
    expect(ids('senior_analyst', null)).not.toContain('case:export');
    expect(ids('analyst', 'inv-1')).not.toContain('case:export');
    expect(ids('analyst', 'inv-1')).toContain('case:import');
    expect(ids('viewer', 'inv-1')).not.toEqual(expect.arrayContaining(['case:import']));
    expect(filterCommands(commandsFor(permissionsOf('admin'), { openInvestigationId: 'x' }), 'handover').map((c) => c.id)).toEqual(['case:export', 'case:import']);
  });
});

describe('passphrase hint', () => {
  it('grades by length first, then variety, and says what to do', () => {
    expect(passphraseHint('short').strength).toBe('too_short');
    expect(passphraseHint('short').text).toMatch(/At least 12 characters \(5 so far\)/);
    expect(passphraseHint('aaaaaaaaaaaaaaaa').strength).toBe('weak');
    expect(passphraseHint('Tr0ub4dor&3x').strength).toBe('weak');
    expect(passphraseHint('copper kettle lantern').strength).toBe('fair');
    expect(passphraseHint('copper kettle lantern meadow').strength).toBe('strong');
  });

  it('knows a package by its extension', () => {
    expect(looksLikePackage('INV-2026-0001-20260105-1430.vigilcase')).toBe(true);
    expect(looksLikePackage('backup.vigilbk')).toBe(false);
  });
});
