// "Mark as expected" / "Undo" on a flagged day, for Home and the analytics screen alike: who may
// mark is the role that may modify investigations (main refuses anyone else regardless); the screen
// that shows the day says how to mark and reread, so its numbers show the new state.
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import type { DayAnomaly } from '../../../src-shared/analytics-model';
import './mark-expected.css';

export interface MarkExpectedProps {
  day: DayAnomaly;
  onMark(note: string): Promise<void>;
  onUnmark(): Promise<void>;
}

export function MarkExpected({ day, onMark, onUnmark }: MarkExpectedProps) {
  const canMark = usePermission('modify_investigations');
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const mark = useAction((text: string) => onMark(text));
  const unmark = useAction(() => onUnmark());
  if (day.mark) {
    return (
      <div className="mark-expected">
        <Badge tone="info">Marked as expected</Badge>{' '}
        <span className="mark-expected__note">by {day.mark.markedBy.name ?? 'someone'}, {formatDateTime(day.mark.markedAt)}{day.mark.note && <>: “{day.mark.note}”</>}</span>
        {canMark && <Button size="sm" variant="link" busy={unmark.pending} onClick={() => void unmark.run()}>Undo</Button>}
        {unmark.error && <span role="alert" className="mark-expected__error">{unmark.error.message}</span>}
      </div>
    );
  }
  if (!canMark) return null;
  if (!open) return <Button size="sm" onClick={() => setOpen(true)}>Mark as expected</Button>;
  return (
    <form className="mark-expected mark-expected--form" onSubmit={(event) => { event.preventDefault(); void mark.run(note.trim()).then((ok) => { if (ok) setOpen(false); }); }}>
      <label>
        <span className="visually-hidden">Why {day.date} was expected</span>
        <input value={note} maxLength={500} placeholder="Why (a campaign, a backfill…)" onChange={(event) => setNote(event.target.value)} />
      </label>
      <Button size="sm" variant="primary" type="submit" busy={mark.pending}>Mark as expected</Button>
      <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      {mark.error && <span role="alert" className="mark-expected__error">{mark.error.message}</span>}
    </form>
  );
}
