// The triage queue's keyboard: one key per verdict or move, shown in the on-screen legend.
// Pure: maps a key press to a command; the page decides what each command does.

export type TriageCommand =
  | 'next' | 'previous' | 'toggleSelect' | 'open' | 'acknowledge' | 'dismiss' | 'promote' | 'merge' | 'close' | 'focusSearch';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const KEYS: Readonly<Record<string, TriageCommand>> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  x: 'toggleSelect',
  ' ': 'toggleSelect',
  Enter: 'open',
  a: 'acknowledge',
  d: 'dismiss',
  p: 'promote',
  m: 'merge',
  Escape: 'close',
  '/': 'focusSearch',
};

/** The command for a key, or null (modified keys belong to the browser and the OS). */
export function triageCommand(press: KeyPress): TriageCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  return KEYS[press.key] ?? null;
}

/** Key presses inside text fields type text; only Escape still means "close". */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}

export const SHORTCUT_LEGEND: readonly { keys: string[]; label: string }[] = [
  { keys: ['j', '↓'], label: 'Next' },
  { keys: ['k', '↑'], label: 'Previous' },
  { keys: ['x', 'Space'], label: 'Select' },
  { keys: ['Enter'], label: 'Open' },
  { keys: ['a'], label: 'Acknowledge' },
  { keys: ['d'], label: 'Dismiss' },
  { keys: ['p'], label: 'Promote' },
  { keys: ['m'], label: 'Add to investigation' },
  { keys: ['Esc'], label: 'Close' },
  { keys: ['/'], label: 'Filter' },
];
