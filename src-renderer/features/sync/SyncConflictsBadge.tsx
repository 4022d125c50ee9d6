// The open conflicts' count beside "Sync" in the menu: a conflict waits for a person to choose.
import { useSyncStore } from './store';

export function SyncConflictsBadge() {
  const count = useSyncStore((state) => state.conflicts.data.length);
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="sync-conflicts-count">
      <span className="visually-hidden">, open conflicts: </span>
      {count}
    </span>
  );
}
