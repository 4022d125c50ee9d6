// Notes: an append-only log of what analysts did and thought. Notes are never edited or deleted.
import { useEffect, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import { TextAreaField } from './TextAreaField';
import { usePermission } from '../../kit/use-permission';

export function NotesTab() {
  const slot = useInvestigationStore((state) => state.parts.notes);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const addNote = useInvestigationStore((state) => state.addNote);
  const mayModify = usePermission('modify_investigations');
  const action = useAction(addNote);

  useEffect(() => {
    void loadPart('notes');
  }, [loadPart]);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (await action.run(fieldText(new FormData(form), 'body'))) form.reset();
  };

  return (
    <div className="inv-section">
      <h2>Notes</h2>
      <PartState slot={slot} onRetry={() => void loadPart('notes', true)}>
        {(notes) =>
          notes.length === 0 ? (
            <p className="muted">No notes yet.</p>
          ) : (
            <ol className="note-list" data-testid="notes-list">
              {[...notes].sort((a, b) => a.createdAt - b.createdAt).map((note) => (
                <li key={note.id} className="note" data-testid="note">
                  <p className="inv-card__meta">
                    {note.author?.displayName ?? 'Unknown'} · {formatDateTime(note.createdAt)}
                  </p>
                  <p className="note__body">{note.body}</p>
                </li>
              ))}
            </ol>
          )
        }
      </PartState>
      {mayModify && (
        <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Add a note">
          <ErrorBanner message={action.error?.fields['body'] ? null : action.error?.message} />
          <TextAreaField label="Add a note" name="body" rows={3} maxLength={20_000} hint="Notes cannot be edited or deleted once added." error={action.error?.fields['body']} data-testid="note-body" />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={action.pending} data-testid="note-add">
              Add note
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
