// The incidents, newest first: severity and status first (what a lead scans for), then the rule, who
// it is about, when it opened and how many audit rows back it. The rule opens the incident beside the list.
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { formatDateTime } from '../../format/time';
import { SECURITY_RULE_TITLES, type IncidentStatus, type SecurityIncident } from '../../../src-shared/security-model';
import { STATUS_LABELS, STATUS_TONES, subjectName } from './incident-labels';

export interface IncidentTableProps {
  incidents: readonly SecurityIncident[];
  selectedId: string | null;
  loading: boolean;
  /** The status the list is filtered to ('' = all), for the empty message. */
  status: IncidentStatus | '';
  onOpen(incidentId: string): void;
}

export function IncidentTable({ incidents, selectedId, loading, status, onOpen }: IncidentTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Security incidents" tabIndex={0} data-testid="security-incidents">
      <table className="table security-incidents-table">
        <caption className="visually-hidden">Security incidents</caption>
        <colgroup>
          <col style={{ width: '88px' }} />
          <col style={{ width: '116px' }} />
          <col />
          <col style={{ width: '120px' }} />
          <col style={{ width: '128px' }} />
          <col style={{ width: '88px' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Rule</th>
            <th scope="col">Subject</th>
            <th scope="col">Opened</th>
            <th scope="col" className="align-end">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {incidents.length === 0 ? (
            <tr className="table__placeholder">
              <td colSpan={6}>
                {loading
                  ? 'Loading…'
                  : status
                    ? `No ${STATUS_LABELS[status].toLowerCase()} incidents.`
                    : 'No incidents. Rules watch sign-ins, exports, PII reveals, permission denials, second-factor codes, restores, role changes and the audit chain.'}
              </td>
            </tr>
          ) : (
            incidents.map((incident) => (
              <tr
                key={incident.id}
                data-testid="security-incident-row"
                data-incident-id={incident.id}
                className={incident.id === selectedId ? 'security-row--selected' : undefined}
                aria-selected={incident.id === selectedId}
              >
                <td>
                  <Badge tone={severityTone(incident.severity)}>{SEVERITY_LABELS[incident.severity]}</Badge>
                </td>
                <td data-testid="incident-status">
                  <Badge tone={STATUS_TONES[incident.status]}>{STATUS_LABELS[incident.status]}</Badge>
                </td>
                <th scope="row" className="security-row__rule">
                  <Button size="sm" variant="link" onClick={() => onOpen(incident.id)} title={incident.summary}>
                    {SECURITY_RULE_TITLES[incident.rule]}
                  </Button>
                </th>
                <td>
                  <span className="truncate" title={subjectName(incident)}>
                    {subjectName(incident)}
                  </span>
                </td>
                <td className="mono">{formatDateTime(incident.openedAt)}</td>
                <td className="align-end mono">{incident.evidenceCount}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
