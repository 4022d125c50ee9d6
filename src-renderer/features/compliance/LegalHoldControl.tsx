// The legal hold on one investigation, in its header: a badge while it is held (the reason on hover),
// and for administrators a button to place or lift it with a reason (audited). Retention never
// removes a held investigation, its alerts or its evidence.
import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { api } from '../../api/client';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import type { LegalHold } from '../../../src-shared/retention-contract';

export function LegalHoldControl({ investigationId }: { investigationId: string }) {
  const isAdmin = usePermission('admin_access');
  const [hold, setHold] = useState<LegalHold | null>(null);
  const [changing, setChanging] = useState(false);
  const read = useCallback(() => {
    let current = true;
    // Not shown rather than an error when it cannot be read: the header's other facts matter more.
    Promise.resolve().then(() => api.invoke('retention.getLegalHold', { investigationId })).then((answer) => { if (current) setHold(answer); }, () => undefined);
    return () => { current = false; };
  }, [investigationId]);
  useEffect(read, [read]);

  if (!hold || (!hold.held && !isAdmin)) return null;
  return (
    <div data-testid="legal-hold" data-held={hold.held}>
      <dt>Legal hold</dt>
      <dd>
        {hold.held ? <Badge tone="warning" title={hold.reason ?? undefined}>On legal hold</Badge> : <span className="muted">None</span>}
        {isAdmin && (
          <Button size="sm" variant="ghost" onClick={() => setChanging(true)} data-testid="legal-hold-toggle">
            {hold.held ? 'Lift hold…' : 'Place hold…'}
          </Button>
        )}
        {changing && <LegalHoldDialog hold={hold} onDone={(next) => { setHold(next); setChanging(false); }} onClose={() => setChanging(false)} />}
      </dd>
    </div>
  );
}

function LegalHoldDialog({ hold, onDone, onClose }: { hold: LegalHold; onDone(next: LegalHold): void; onClose(): void }) {
  const [reason, setReason] = useState('');
  const save = useAction(async (text: string) => {
    onDone(await api.invoke('retention.setLegalHold', { investigationId: hold.investigationId, held: !hold.held, reason: text }));
  });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save.run(reason);
  };
  return (
    <Dialog title={hold.held ? 'Lift the legal hold' : 'Place a legal hold'} onClose={onClose} size="sm" testId="legal-hold-dialog">
      <form onSubmit={submit}>
        <p>{hold.held ? 'Retention may then remove this investigation once it is past the policy.' : 'Retention will keep this investigation, its alerts and its evidence until the hold is lifted.'}</p>
        <TextField label="Reason (recorded in the audit log)" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={5} data-testid="legal-hold-reason" />
        <ErrorBanner message={save.error?.message} />
        <Button type="submit" variant="primary" busy={save.pending} data-testid="legal-hold-save">{hold.held ? 'Lift hold' : 'Place hold'}</Button>
      </form>
    </Dialog>
  );
}
