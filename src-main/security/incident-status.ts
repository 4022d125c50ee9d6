// Moving an incident along open → investigating → resolved (with a note), under four eyes: the person
// an incident is about can never move it themselves, whatever their role. The refusal is audited as
// denied and the move as a success, each by this module (the channel is not audited by the router, so
// each attempt leaves exactly one row).
import { VigilError } from '../../src-shared/errors';
import { INCIDENT_MOVES, type IncidentPerson, type IncidentStatus, type SecurityIncident } from '../../src-shared/security-model';
import type { Repositories } from '../repositories';
import { isAboutPerson, OWN_INCIDENT, ownIncidentRefusal } from './four-eyes';

export const INCIDENT_STATUS_ACTION = 'security.updateIncident';

export interface IncidentStatusChange {
  incidentId: string;
  status: Exclude<IncidentStatus, 'open'>;
  note?: string | undefined;
}

export function changeIncidentStatus(repos: Repositories, change: IncidentStatusChange, actor: IncidentPerson & { id: string }, now: number): SecurityIncident {
  const incident = repos.securityIncidents.get(change.incidentId);
  if (!incident) throw new VigilError('NOT_FOUND', 'No such security incident');
  if (isAboutPerson(incident, actor.id)) {
    repos.audit.append({
      actor, action: INCIDENT_STATUS_ACTION, target: incident.id, outcome: 'denied',
      details: { reason: OWN_INCIDENT, from: incident.status, to: change.status },
    });
    throw ownIncidentRefusal('This incident');
  }
  if (!INCIDENT_MOVES[incident.status].includes(change.status)) {
    throw new VigilError('CONFLICT', `An incident that is ${incident.status} cannot become ${change.status}`, { from: incident.status, to: change.status });
  }
  const note = change.note?.trim() ?? '';
  if (change.status === 'resolved' && note === '') throw new VigilError('VALIDATION', 'Say how the incident was resolved');
  repos.db.transaction(() => {
    repos.securityIncidents.setStatus(incident.id, change.status, change.status === 'resolved' ? { note, by: actor } : null, now);
    repos.audit.append({
      actor, action: INCIDENT_STATUS_ACTION, target: incident.id, outcome: 'success',
      details: { rule: incident.rule, from: incident.status, to: change.status, ...(note ? { note } : {}) },
    });
  })();
  return repos.securityIncidents.get(incident.id) as SecurityIncident;
}
