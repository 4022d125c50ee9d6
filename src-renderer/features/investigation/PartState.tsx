// The loading / failed states every tab shares, with a Retry that reloads just that tab.
import type { ReactNode } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import type { PartSlot } from './store';

export function PartState<T>({ slot, onRetry, children }: { slot: PartSlot<T>; onRetry(): void; children(data: T): ReactNode }) {
  if (slot.data !== null) return <>{children(slot.data)}</>;
  if (slot.status === 'failed') {
    return (
      <Alert tone="error" title="Could not load this part of the investigation">
        <p>{slot.error}</p>
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      </Alert>
    );
  }
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}
