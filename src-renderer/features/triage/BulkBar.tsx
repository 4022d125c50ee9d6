// What is selected and what can be done with it: "Select all N matching", then the bulk verdicts.
import { Button } from '../../components/Button';
import { NO_SELECTION, selectAllMatching, selectionSize, type Selection } from './selection';

/** Why the verdicts are off for the alert of a security incident about the user (four eyes; main refuses them too). */
export const ABOUT_YOU_REASON = 'This alert is about you: another administrator must triage it.';

export interface BulkBarProps {
  selection: Selection;
  total: number | null;
  heldCount: number;
  mayModify: boolean;
  mayCreate: boolean;
  /** The selection is only the open alert, and it is about the user (its detail says `aboutYou`). */
  aboutYou: boolean;
  onSelect(selection: Selection): void;
  onAcknowledge(): void;
  onReopen(): void;
  onDialog(kind: 'dismiss' | 'assign' | 'promote' | 'merge'): void;
}

export function BulkBar({ selection, total, mayModify, mayCreate, aboutYou, onSelect, onAcknowledge, onReopen, onDialog }: BulkBarProps) {
  const size = selectionSize(selection);
  if (size === 0) {
    return (
      <div className="bulk-bar" data-testid="bulk-bar">
        <span className="muted">Click, shift-click or ctrl/cmd-click rows to select; verdict keys apply to the focused row otherwise.</span>
        {total !== null && total > 0 && (
          <Button size="sm" onClick={() => onSelect(selectAllMatching(total))} data-testid="select-all-matching">
            Select all {total.toLocaleString()} matching
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="bulk-bar is-active" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong role="status" data-testid="selection-count">
        {selection.kind === 'all' ? `All ${size.toLocaleString()} matching alerts selected` : `${size.toLocaleString()} selected`}
      </strong>
      {selection.kind === 'ids' && total !== null && total > size && (
        <Button size="sm" variant="link" onClick={() => onSelect(selectAllMatching(total))} data-testid="select-all-matching">
          Select all {total.toLocaleString()} matching
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => onSelect(NO_SELECTION)} data-testid="clear-selection">
        Clear
      </Button>
      {aboutYou && (
        <span className="muted" role="note" data-testid="bulk-about-you">
          {ABOUT_YOU_REASON}
        </span>
      )}
      <span className="bulk-bar__actions">
        {mayModify && (
          <>
            <Button size="sm" onClick={onAcknowledge} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-acknowledge">
              Acknowledge
            </Button>
            <Button size="sm" onClick={() => onDialog('dismiss')} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-dismiss">
              Dismiss…
            </Button>
            <Button size="sm" onClick={onReopen} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-reopen">
              Reopen
            </Button>
            <Button size="sm" onClick={() => onDialog('assign')} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-assign">
              Assign…
            </Button>
            <Button size="sm" onClick={() => onDialog('merge')} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-merge">
              Add to investigation…
            </Button>
          </>
        )}
        {mayCreate && (
          <Button size="sm" variant="primary" onClick={() => onDialog('promote')} disabled={aboutYou} title={aboutYou ? ABOUT_YOU_REASON : undefined} data-testid="bulk-promote">
            Promote…
          </Button>
        )}
      </span>
    </div>
  );
}
