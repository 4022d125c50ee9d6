import { describe, expect, it } from 'vitest';
import { commandsFor, filterCommands, isPaletteShortcut } from '../../../src-renderer/app/commands';
import { permissionsOf } from '../../../src-shared/permissions';

describe('command palette', () => {
  it('lists only the pages a role may open, never detail pages', () => {
    const analyst = commandsFor(permissionsOf('analyst')).map((c) => c.id);
    expect(analyst).toContain('go:triage');
    expect(analyst).toContain('go:investigations');
    expect(analyst).not.toContain('go:users');
    expect(analyst).not.toContain('go:approvals');
    expect(analyst).not.toContain('go:investigation');
    expect(commandsFor(permissionsOf('admin')).map((c) => c.id)).toContain('go:users');
  });

  it('offers Export CSV / JSON on a screen that exports, to a role that may export', () => {
    const ids = (role: 'analyst' | 'senior_analyst', exportable: boolean) => commandsFor(permissionsOf(role), { exportable }).map((c) => c.id);
    expect(ids('senior_analyst', true)).toContain('export:list');
    expect(ids('senior_analyst', false)).not.toContain('export:list');
    expect(ids('analyst', true)).not.toContain('export:list');
    expect(filterCommands(commandsFor(permissionsOf('senior_analyst'), { exportable: true }), 'csv')[0]?.id).toBe('export:list');
  });

  it('narrows by word starts, label matches first', () => {
    const all = commandsFor(permissionsOf('admin'));
    // The label match first, then Health, whose summary names the audit chain.
    expect(filterCommands(all, 'aud').map((c) => c.id)).toEqual(['go:audit', 'go:health']);
    expect(filterCommands(all, 'theme d').map((c) => c.id)).toEqual(['theme:dark']);
    expect(filterCommands(all, 'night').map((c) => c.id)).toEqual(['theme:dark']);
    expect(filterCommands(all, 'log out').map((c) => c.id)).toEqual(['sign-out']);
    expect(filterCommands(all, 'zzz')).toEqual([]);
    expect(filterCommands(all, '  ')).toHaveLength(all.length);
  });

  it('opens on Ctrl+Shift+P, Cmd+Shift+P and F1 only', () => {
    const base = { ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };
    expect(isPaletteShortcut({ ...base, key: 'P', ctrlKey: true, shiftKey: true })).toBe(true);
    expect(isPaletteShortcut({ ...base, key: 'p', metaKey: true, shiftKey: true })).toBe(true);
    expect(isPaletteShortcut({ ...base, key: 'F1' })).toBe(true);
    expect(isPaletteShortcut({ ...base, key: 'p', ctrlKey: true })).toBe(false);
    expect(isPaletteShortcut({ ...base, key: 'p' })).toBe(false);
  });
});
