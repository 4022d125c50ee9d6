// "Columns": which of a list's columns show (a checkbox each; the one naming the row cannot go), and
// which stepped aside to fit a narrow window. A <details> disclosure, so it opens by keyboard as it is.
import type { ColumnSpec } from '../kit/table-columns';
import './column-chooser.css';

export interface ColumnChooserProps {
  specs: readonly ColumnSpec[];
  hidden: readonly string[];
  fittedOut: readonly ColumnSpec[];
  onToggle(id: string, show: boolean): void;
  onResetWidths(): void;
  testId?: string;
}

export function ColumnChooser({ specs, hidden, fittedOut, onToggle, onResetWidths, testId }: ColumnChooserProps) {
  return (
    <details className="column-chooser" data-testid={testId}>
      <summary className="button button--secondary button--sm">Columns</summary>
      <div className="column-chooser__panel">
        <fieldset>
          <legend>Show columns</legend>
          {specs.map((spec) => (
            <label key={spec.id} className="column-chooser__option">
              <input
                type="checkbox"
                checked={spec.required === true || !hidden.includes(spec.id)}
                disabled={spec.required === true}
                onChange={(event) => onToggle(spec.id, event.target.checked)}
                data-testid={testId ? `${testId}-${spec.id}` : undefined}
              />
              {spec.label}
            </label>
          ))}
        </fieldset>
        {fittedOut.length > 0 && (
          <p className="column-chooser__note">
            Hidden to fit this window: {fittedOut.map((spec) => spec.label).join(', ')}. Widen the window or hide other columns to see them.
          </p>
        )}
        <button type="button" className="button button--ghost button--sm" onClick={onResetWidths}>
          Reset widths
        </button>
      </div>
    </details>
  );
}
