// Above the case's alerts, for those who may take alerts out: how many are ticked, and removing
// them together (after a confirmation). Always there, so ticking the first box never moves the rows.
import { Button } from '../../components/Button';

export interface PickedAlertsBarProps {
  count: number;
  /** Why the ticked alerts cannot be removed together (too many for one call); null when they can. */
  refusal: string | null;
  onRemove(): void;
  onClear(): void;
}

export function PickedAlertsBar({ count, refusal, onRemove, onClear }: PickedAlertsBarProps) {
  if (count === 0) {
    return (
      <div className="bulk-bar" data-testid="investigation-alerts-picks">
        <span className="muted">Tick alerts to remove several from the case at once; shift-click ticks a range.</span>
      </div>
    );
  }
  return (
    <div className="bulk-bar is-active" role="toolbar" aria-label="Ticked alerts" data-testid="investigation-alerts-picks">
      <strong role="status" data-testid="investigation-alerts-pick-count">
        {count.toLocaleString()} selected
      </strong>
      <Button size="sm" variant="ghost" onClick={onClear} data-testid="investigation-alerts-clear-picks">
        Clear
      </Button>
      {refusal && <span role="alert">{refusal}</span>}
      <span className="bulk-bar__actions">
        <Button size="sm" variant="danger" onClick={onRemove} disabled={refusal !== null} data-testid="investigation-alerts-remove-picked">
          Remove {count.toLocaleString()} from case…
        </Button>
      </span>
    </div>
  );
}
