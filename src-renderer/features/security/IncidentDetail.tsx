// One incident beside the list: what fired, about whom, its window and status, the actions it allows
// (none for the person it is about: four eyes, refused by main too) and the audit rows behind it.
import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FieldFrame } from '../../components/FieldFrame';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { formatDateTime, formatDateTimeSeconds } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { INCIDENT_MOVES, SECURITY_RULE_TITLES, type SecurityIncidentDetail } from '../../../src-shared/security-model';
import { STATUS_LABELS, STATUS_TONES, subjectName } from './incident-labels';

export interface IncidentDetailProps {
  incident: SecurityIncidentDetail;
  /** Who is signed in: the subject of an incident may not move it. */
  userId: string | null;
  onMove(incidentId: string, status: 'investigating' | 'resolved', note: string): Promise<void>;
  onClose(): void;
}

export function IncidentDetail({ incident, userId, onMove, onClose }: IncidentDetailProps) {
  return (
    <>
      <div className="security-pane__title">
        <h2>{SECURITY_RULE_TITLES[incident.rule]}</h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <p>{incident.summary}</p>
      <dl className="security-pane__facts">
        <dt>Subject</dt>
        <dd>{subjectName(incident)}</dd>
        <dt>Severity</dt>
        <dd>
          <Badge tone={severityTone(incident.severity)}>{SEVERITY_LABELS[incident.severity]}</Badge>
        </dd>
        <dt>Status</dt>
        <dd data-testid="incident-detail-status">
          <Badge tone={STATUS_TONES[incident.status]}>{STATUS_LABELS[incident.status]}</Badge>
        </dd>
        <dt>Window</dt>
        <dd className="mono">
          {formatDateTimeSeconds(incident.windowStart)} – {formatDateTimeSeconds(incident.windowEnd)}
        </dd>
        {incident.resolution && (
          <>
            <dt>Resolved</dt>
            <dd>
              by {incident.resolution.by.name ?? 'unknown'} on {formatDateTime(incident.resolution.at)}: {incident.resolution.note}
            </dd>
          </>
        )}
      </dl>
      <IncidentActions key={`${incident.id}:${incident.status}`} incident={incident} userId={userId} onMove={onMove} />
      <h3>Evidence</h3>
      <Evidence incident={incident} />
    </>
  );
}

function IncidentActions({ incident, userId, onMove }: Pick<IncidentDetailProps, 'incident' | 'userId' | 'onMove'>) {
  const action = useAction(onMove);
  const [note, setNote] = useState('');
  const moves = INCIDENT_MOVES[incident.status];
  if (moves.length === 0) return null;
  const own = incident.subject !== null && incident.subject.id !== null && incident.subject.id === userId;
  const ownReason = own ? 'This incident is about you: another administrator must handle it.' : undefined;
  return (
    <div className="security-pane__actions">
      {own && <Alert tone="info">{ownReason}</Alert>}
      <FieldFrame label="Resolution note" hint="Required to resolve: what happened and why it is settled.">
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={3}
            maxLength={2000}
            value={note}
            disabled={own}
            onChange={(event) => setNote(event.target.value)}
            data-testid="incident-note"
          />
        )}
      </FieldFrame>
      <div className="cell-actions__buttons">
        {moves.includes('investigating') && (
          <Button
            onClick={() => void action.run(incident.id, 'investigating', note)}
            busy={action.pending}
            disabled={own}
            title={ownReason}
            data-testid="incident-investigate"
          >
            Investigate
          </Button>
        )}
        <Button
          variant="primary"
          onClick={() => void action.run(incident.id, 'resolved', note)}
          busy={action.pending}
          disabled={own || note.trim() === ''}
          title={ownReason ?? (note.trim() === '' ? 'Write a resolution note first' : undefined)}
          data-testid="incident-resolve"
        >
          Resolve
        </Button>
      </div>
      {action.error && (
        <p role="alert" className="field__error">
          {action.error.message}
        </p>
      )}
    </div>
  );
}

function Evidence({ incident }: { incident: SecurityIncidentDetail }) {
  if (incident.evidence.length === 0) return <p className="muted">No audit row: the chain check itself found it (see the summary).</p>;
  return (
    <div className="table-scroll security-pane__evidence" role="region" aria-label="Evidence" tabIndex={0}>
      <table className="table security-evidence-table" data-testid="incident-evidence">
        <caption className="visually-hidden">Audit rows behind this incident</caption>
        <colgroup>
          <col style={{ width: '64px' }} />
          <col style={{ width: '104px' }} />
          <col style={{ width: '96px' }} />
          <col style={{ width: '128px' }} />
          <col style={{ width: '80px' }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {incident.evidence.map((entry) => (
            <tr key={entry.seq}>
              <td className="mono align-end">{entry.seq}</td>
              <td className="mono">{formatDateTimeSeconds(entry.at)}</td>
              <td>{entry.actorName ?? '—'}</td>
              <td className="mono">{entry.action}</td>
              <td>{entry.outcome}</td>
              <td className="mono">
                <span className="truncate" title={JSON.stringify(entry.details, null, 2)}>
                  {Object.keys(entry.details).length === 0 ? '—' : JSON.stringify(entry.details)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
