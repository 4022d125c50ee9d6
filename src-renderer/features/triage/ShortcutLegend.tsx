// The keyboard shortcuts of the queue, always on screen so they are learnt by looking.
import { SHORTCUT_LEGEND } from './triage-keys';

export function ShortcutLegend() {
  return (
    <ul className="shortcut-legend" aria-label="Keyboard shortcuts (focus the table first)" data-testid="shortcut-legend">
      {SHORTCUT_LEGEND.map((entry) => (
        <li key={entry.label}>
          {entry.keys.map((key, index) => (
            <span key={key}>
              {index > 0 && '/'}
              <kbd>{key}</kbd>
            </span>
          ))}{' '}
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
