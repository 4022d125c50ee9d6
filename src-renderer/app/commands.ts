// The command palette's commands: every page this role may open, the app-wide actions, the triage
// verdicts on the triage screen, and what the lookup found for the typed text. Pure, so what the
// palette lists and how typing narrows it are tested without a browser.
import type { Permission } from '../../src-shared/permissions';
import type { PaletteLookup } from '../../src-shared/lookup-contract';
import { DEFAULT_DISMISS_REASON } from '../../src-shared/workspace-model';
import { pagesFor, type PageId } from '../kit/pages';
import type { PaletteVerdict } from '../features/triage/palette-verdicts';

export type CommandAction =
  | { kind: 'navigate'; page: PageId }
  | { kind: 'lock' }
  | { kind: 'signOut' }
  | { kind: 'theme'; theme: 'light' | 'dark' | 'system' }
  /** Opens a case-package dialog: import on the investigations list, export on the open investigation. */
  | { kind: 'casePackage'; dialog: 'import' | 'export' }
  /** Found by the lookup (lookup.find): open it. */
  | { kind: 'openInvestigation'; investigationId: string }
  | { kind: 'openEntity'; entityId: string }
  /** On the triage screen: a verdict on the selected alerts, or the focused one. */
  | { kind: 'verdict'; verdict: PaletteVerdict }
  /** Opens the screen's Export CSV / JSON dialog (features/exports). */
  | { kind: 'export' };

export interface Command {
  id: string;
  label: string;
  /** Words that also find it ("users" finds "Users"; "dark" finds the theme switch). */
  keywords: string;
  action: CommandAction;
}

/** What the palette knows about the screen behind it. */
export interface CommandContext {
  /** The investigation open on screen, if any: "Export case package…" acts on it. */
  openInvestigationId?: string | null;
  /** On the triage screen, how many alerts a verdict would apply to (the selection, or 1 for the focused row; 0: none). */
  triageTargetCount?: number;
  /** The screen behind has an Export CSV / JSON button (the alerts, the investigations list, an investigation). */
  exportable?: boolean;
}

export function commandsFor(permissions: readonly Permission[], context: CommandContext = {}): Command[] {
  const pages: Command[] = pagesFor(permissions)
    .filter((page) => !page.hidden)
    .map((page) => ({ id: `go:${page.id}`, label: `Go to ${page.label}`, keywords: `${page.id} ${page.summary}`, action: { kind: 'navigate', page: page.id } }));
  const may = (p: Permission) => permissions.includes(p);
  const casePackages: Command[] = [
    ...(may('export_data') && may('access_pii') && context.openInvestigationId
      ? [{ id: 'case:export', label: 'Export case package…', keywords: 'investigation hand over handover share encrypted file vigilcase', action: { kind: 'casePackage', dialog: 'export' } } as const]
      : []),
    ...(may('create_investigations')
      ? [{ id: 'case:import', label: 'Import case package…', keywords: 'investigation hand over handover receive encrypted file vigilcase', action: { kind: 'casePackage', dialog: 'import' } } as const]
      : []),
  ];
  const exports: Command[] = may('export_data') && context.exportable
    ? [{ id: 'export:list', label: 'Export CSV / JSON…', keywords: 'download file spreadsheet csv json alerts investigations list', action: { kind: 'export' } }]
    : [];
  return [
    ...verdictCommands(permissions, context.triageTargetCount ?? 0),
    ...pages,
    ...casePackages,
    ...exports,
    { id: 'lock', label: 'Lock the app', keywords: 'lock away screen', action: { kind: 'lock' } },
    { id: 'sign-out', label: 'Sign out', keywords: 'logout log out leave', action: { kind: 'signOut' } },
    { id: 'theme:light', label: 'Theme: light', keywords: 'appearance colour color bright', action: { kind: 'theme', theme: 'light' } },
    { id: 'theme:dark', label: 'Theme: dark', keywords: 'appearance colour color night', action: { kind: 'theme', theme: 'dark' } },
    { id: 'theme:system', label: 'Theme: follow the system', keywords: 'appearance colour color auto', action: { kind: 'theme', theme: 'system' } },
  ];
}

/** The triage verdicts, worded for what they apply to; none without a target or the right to modify. */
function verdictCommands(permissions: readonly Permission[], count: number): Command[] {
  if (count === 0 || !permissions.includes('modify_investigations')) return [];
  const what = count === 1 ? 'the alert' : `${count.toLocaleString()} alerts`;
  const reason = DEFAULT_DISMISS_REASON.replace('_', ' ');
  const verdict = (id: PaletteVerdict, label: string, keywords: string): Command => ({ id: `verdict:${id}`, label, keywords: `verdict triage alert ${keywords}`, action: { kind: 'verdict', verdict: id } });
  return [
    verdict('acknowledge', `Acknowledge ${what}`, 'ack seen'),
    verdict('dismiss', `Dismiss ${what} as ${reason}`, 'close ignore'),
    verdict('reopen', `Reopen ${what}`, 'undo back new'),
    verdict('assignToMe', `Assign ${what} to me`, 'take mine claim'),
  ];
}

/**
 * What the lookup found for the typed text, as commands listed above the rest: an investigation by
 * key ("Open INV-2026-0012: title"), an entity by value (its value as the caller may see it).
 */
export function lookupCommands(found: PaletteLookup | null): Command[] {
  if (!found) return [];
  return [
    ...found.investigations.map((hit): Command => ({
      id: `open:investigation:${hit.id}`,
      label: `Open ${hit.key}: ${hit.title}`,
      keywords: '',
      action: { kind: 'openInvestigation', investigationId: hit.id },
    })),
    ...found.entities.map((entity): Command => ({
      id: `open:entity:${entity.id}`,
      label: `Open ${entity.kind} ${entity.value}`,
      keywords: '',
      action: { kind: 'openEntity', entityId: entity.id },
    })),
  ];
}

/**
 * The palette's list: what the lookup found first when a key was typed ("INV-…"), else the matching
 * commands first, so a value that happens to start like a command word never takes Enter from it.
 */
export function paletteEntries(found: readonly Command[], commands: readonly Command[], query: string): Command[] {
  return /^inv-/i.test(query.trim()) ? [...found, ...commands] : [...commands, ...found];
}

/** Whether the typed text is worth a lookup: a key ("INV-…") or something long enough to be a value. */
export function wantsLookup(query: string): boolean {
  const text = query.trim();
  return /^inv-/i.test(text) || text.length >= 3;
}

/**
 * Commands matching what was typed: every typed word must start a word of the label or keywords.
 * Label matches rank above keyword-only matches; otherwise the list keeps its order.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...commands];
  const wordsOf = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const scored = commands.flatMap((command) => {
    const label = wordsOf(command.label);
    const all = [...label, ...wordsOf(command.keywords)];
    if (!terms.every((term) => all.some((word) => word.startsWith(term)))) return [];
    const inLabel = terms.every((term) => label.some((word) => word.startsWith(term)));
    return [{ command, rank: inLabel ? 0 : 1 }];
  });
  return scored.sort((a, b) => a.rank - b.rank).map((entry) => entry.command);
}

/** Ctrl+Shift+P or Cmd+Shift+P (as in editors analysts already use); F1 too. */
export function isPaletteShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  if (event.key === 'F1' && !event.ctrlKey && !event.metaKey && !event.altKey) return true;
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p';
}
