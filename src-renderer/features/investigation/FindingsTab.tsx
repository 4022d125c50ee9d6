// Findings: what the investigation established, in markdown (rendered sanitised), added and edited.
import { useEffect, useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Markdown } from '../../components/Markdown';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { Finding } from '../../../src-shared/workspace-model';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import { TextAreaField } from './TextAreaField';
import { usePermission } from '../../kit/use-permission';

export function FindingsTab() {
  const slot = useInvestigationStore((state) => state.parts.findings);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const mayModify = usePermission('modify_investigations');
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void loadPart('findings');
  }, [loadPart]);

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Findings</h2>
        {mayModify && !adding && (
          <Button variant="primary" size="sm" onClick={() => setAdding(true)} data-testid="finding-add">
            Add finding
          </Button>
        )}
      </div>
      {adding && <FindingForm onDone={() => setAdding(false)} />}
      <PartState slot={slot} onRetry={() => void loadPart('findings', true)}>
        {(findings) =>
          findings.length === 0 ? (
            <p className="muted">No findings yet. Write down what the evidence shows, with links to sources.</p>
          ) : (
            <ol className="inv-cards" data-testid="findings-list">
              {[...findings].sort((a, b) => a.createdAt - b.createdAt).map((finding) => (
                <FindingCard key={finding.id} finding={finding} mayModify={mayModify} />
              ))}
            </ol>
          )
        }
      </PartState>
    </div>
  );
}

function FindingCard({ finding, mayModify }: { finding: Finding; mayModify: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="inv-card" data-testid="finding">
      {editing ? (
        <FindingForm finding={finding} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="inv-card__head">
            <h3>{finding.title}</h3>
            {mayModify && (
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit finding ${finding.title}`}>
                Edit
              </Button>
            )}
          </div>
          <p className="inv-card__meta">
            {finding.author?.displayName ?? 'Unknown'} · {formatDateTime(finding.createdAt)}
            {finding.updatedAt !== finding.createdAt ? ` · edited ${formatDateTime(finding.updatedAt)}` : ''}
          </p>
          <Markdown source={finding.body} testId="finding-body" />
        </>
      )}
    </li>
  );
}

function FindingForm({ finding, onDone }: { finding?: Finding; onDone(): void }) {
  const addFinding = useInvestigationStore((state) => state.addFinding);
  const updateFinding = useInvestigationStore((state) => state.updateFinding);
  const save = (title: string, body: string) => (finding ? updateFinding(finding.id, title, body) : addFinding(title, body));
  const action = useAction(save);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (await action.run(fieldText(data, 'title'), fieldText(data, 'body'))) onDone();
  };

  return (
    <form className="form-stack panel" onSubmit={(event) => void submit(event)} noValidate aria-label={finding ? 'Edit finding' : 'New finding'}>
      <ErrorBanner message={action.error?.message} />
      <TextField label="Title" name="title" defaultValue={finding?.title} required maxLength={200} autoFocus error={action.error?.fields['title']} data-testid="finding-title" />
      <TextAreaField
        label="Finding"
        name="body"
        defaultValue={finding?.body}
        rows={8}
        maxLength={100_000}
        hint="Markdown: **bold**, lists, `code`, [links](https://…). HTML is shown as text."
        error={action.error?.fields['body']}
        data-testid="finding-body-input"
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending} data-testid="finding-save">
          {finding ? 'Save changes' : 'Add finding'}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
