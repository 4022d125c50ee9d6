// Keyboard triage: each key maps to one command; modified keys and typing in fields are left alone.
import { describe, expect, it } from 'vitest';
import { SHORTCUT_LEGEND, isTypingTarget, triageCommand } from '../../../src-renderer/features/triage/triage-keys';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, altKey: false, ...extra,
});

describe('triage keys', () => {
  it('maps the documented keys to their commands', () => {
    expect(triageCommand(press('j'))).toBe('next');
    expect(triageCommand(press('ArrowDown'))).toBe('next');
    expect(triageCommand(press('k'))).toBe('previous');
    expect(triageCommand(press('ArrowUp'))).toBe('previous');
    expect(triageCommand(press('x'))).toBe('toggleSelect');
    expect(triageCommand(press(' '))).toBe('toggleSelect');
    expect(triageCommand(press('Enter'))).toBe('open');
    expect(triageCommand(press('a'))).toBe('acknowledge');
    expect(triageCommand(press('d'))).toBe('dismiss');
    expect(triageCommand(press('p'))).toBe('promote');
    expect(triageCommand(press('m'))).toBe('merge');
    expect(triageCommand(press('Escape'))).toBe('close');
    expect(triageCommand(press('/'))).toBe('focusSearch');
  });

  it('leaves ctrl, cmd and alt combinations to the browser (ctrl+a still selects text)', () => {
    expect(triageCommand(press('a', { ctrlKey: true }))).toBeNull();
    expect(triageCommand(press('d', { metaKey: true }))).toBeNull();
    expect(triageCommand(press('j', { altKey: true }))).toBeNull();
    expect(triageCommand(press('q'))).toBeNull();
  });

  it('lists every command in the on-screen legend', () => {
    const labels = SHORTCUT_LEGEND.map((entry) => entry.label);
    expect(labels).toEqual(['Next', 'Previous', 'Select', 'Open', 'Acknowledge', 'Dismiss', 'Promote', 'Add to investigation', 'Close', 'Filter']);
  });

  it('does not treat a non-element as a text field', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
