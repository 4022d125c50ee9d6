// The command palette (Ctrl+Shift+P, Cmd+Shift+P or F1): every page this role may open, the app-wide
// actions and, on the triage screen, the verdicts, narrowed as you type, run with Enter; above them,
// the investigations and entities the typed key or value finds. A combobox over a listbox (ARIA 1.2).
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { useSessionStore } from '../kit/session-store';
import { usePreferencesStore } from '../features/preferences/store';
import { commandsFor, filterCommands, isPaletteShortcut, lookupCommands, paletteEntries, wantsLookup, type Command } from './commands';
import { api } from '../api/client';
import type { PaletteLookup } from '../../src-shared/lookup-contract';
import { runPaletteVerdict, triageTargetCount } from '../features/triage/palette-verdicts';
import { useNavigationStore } from '../kit/navigation';
import { useCasePackageStore } from '../features/case-package/store';
import './command-palette.css';
import { investigationLocation } from '../features/investigation/investigation-route';
import { EXPORTABLE_PAGES, exportTargetFor } from '../features/exports/export-targets';
import { useExportStore } from '../features/exports/store';

function openCasePackageDialog(dialog: 'import' | 'export', investigationId: string | null): void {
  if (dialog === 'export') {
    if (investigationId) useCasePackageStore.getState().openExport(investigationId);
    return;
  }
  useNavigationStore.getState().navigate('investigations');
  useCasePackageStore.getState().openImport();
}

export function CommandPalette() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return open ? <PaletteDialog onClose={() => setOpen(false)} /> : null;
}

/**
 * What lookup.find answers for the typed text (investigations by key, entities by value), after a
 * short pause so each keystroke is not a call; null while nothing was asked or the answer is for an
 * older text.
 */
function useLookup(query: string): { found: PaletteLookup | null; pending: boolean } {
  const text = query.trim();
  const [answer, setAnswer] = useState<{ text: string; found: PaletteLookup } | null>(null);
  useEffect(() => {
    if (!wantsLookup(text)) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api.invoke('lookup.find', { text }).then(
        (found) => current && setAnswer({ text, found }),
        // The commands still work without it; a failed lookup just finds nothing.
        () => current && setAnswer({ text, found: { investigations: [], entities: [] } }),
      );
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [text]);
  const answered = answer?.text === text;
  return { found: answered ? answer.found : null, pending: wantsLookup(text) && !answered };
}

function PaletteDialog({ onClose }: { onClose(): void }) {
  const permissions = useSessionStore((state) => state.session?.permissions);
  const openInvestigationId = useNavigationStore((state) => (state.page === 'investigation' ? investigationLocation(state.param).id : null));
  const onTriage = useNavigationStore((state) => state.page === 'triage');
  // What a verdict would apply to, as the palette opened (the queue behind it does not move meanwhile).
  const [triageCount] = useState(() => (onTriage ? triageTargetCount() : 0));
  const exportable = useNavigationStore((state) => EXPORTABLE_PAGES.includes(state.page));
  const commands = useMemo(
    () => commandsFor(permissions ?? [], { openInvestigationId, triageTargetCount: triageCount, exportable }),
    [permissions, openInvestigationId, triageCount, exportable],
  );
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const lookup = useLookup(query);
  const matches = paletteEntries(lookupCommands(lookup.found), filterCommands(commands, query), query);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const run = (command: Command) => {
    onClose();
    const { action } = command;
    if (action.kind === 'navigate') useNavigationStore.getState().navigate(action.page);
    else if (action.kind === 'lock') void useSessionStore.getState().lock();
    else if (action.kind === 'signOut') void useSessionStore.getState().logout();
    else if (action.kind === 'casePackage') openCasePackageDialog(action.dialog, openInvestigationId);
    else if (action.kind === 'openInvestigation') useNavigationStore.getState().navigate('investigation', action.investigationId);
    else if (action.kind === 'openEntity') useNavigationStore.getState().navigate('entity', action.entityId);
    else if (action.kind === 'verdict') {
      const userId = useSessionStore.getState().session?.userId;
      if (userId) void runPaletteVerdict(action.verdict, userId);
    } else if (action.kind === 'export') {
      const { page, param } = useNavigationStore.getState();
      const target = exportTargetFor(page, param);
      if (target) void useExportStore.getState().open(target);
    } else void usePreferencesStore.getState().setTheme(action.theme);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const command = matches[current];
      if (command) run(command);
    }
  };

  return (
    <Dialog title="Commands" onClose={onClose} size="md" testId="command-palette">
      <input
        className="input"
        role="combobox"
        aria-label="Type a command"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        placeholder="A command, a page, an investigation key (INV-12) or a value…"
        value={query}
        onChange={(event) => { setQuery(event.target.value); setActive(0); }}
        onKeyDown={onKeyDown}
        data-autofocus
        data-testid="command-input"
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette__list">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'palette__option is-active' : 'palette__option'}
            onMouseMove={() => setActive(index)}
            onClick={() => run(command)}
            data-testid="command-option"
          >
            {command.label}
          </li>
        ))}
        {matches.length === 0 && (
          <li className="palette__empty" role="presentation">
            {lookup.pending ? 'Looking up…' : `Nothing matches “${query}”.`}
          </li>
        )}
      </ul>
    </Dialog>
  );
}
