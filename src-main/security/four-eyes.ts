// Four eyes (issue 14): the person a security incident is about never handles it themselves — not
// its status on the Security screen, not its alert in the triage queue. This file is the one place
// that says who that person is: for an incident in code, for its alert as SQL over `a` (the bulk
// runner's alias), so a triage action by selection or by filter leaves such alerts alone.
import { VigilError } from '../../src-shared/errors';
import type { SecurityIncident } from '../../src-shared/security-model';
import type { SqliteDatabase } from '../store/database';
import type { AlertChange } from '../triage/alert-changes';
import { SECURITY_ALERT_SOURCE, securityAlertExternalId } from './incident-alerts';

/** The `details.reason` of every four-eyes refusal, wherever it is raised. */
export const OWN_INCIDENT = 'own_incident';

/** Whether the incident is about this person (a vault-wide incident, or one about a name only, is about nobody's account). */
export function isAboutPerson(incident: Pick<SecurityIncident, 'subject'>, userId: string): boolean {
  return incident.subject?.id === userId;
}

const EXTERNAL_ID_PREFIX = securityAlertExternalId('');

/**
 * Over an alert `a`, with the person's id as its one parameter: the alert is an incident's (source,
 * external id and the incident's own link all agree, so an imported alert that merely looks like one
 * is not) and that incident is about the person. The incident is found by its primary key.
 */
export const ALERT_ABOUT_PERSON_SQL = `(a.source = '${SECURITY_ALERT_SOURCE}' AND a.external_id LIKE '${EXTERNAL_ID_PREFIX}%'
  AND EXISTS (SELECT 1 FROM security_incidents i WHERE i.id = substr(a.external_id, ${EXTERNAL_ID_PREFIX.length + 1}) AND i.alert_id = a.id AND i.subject_user_id = ?))`;

/** The change narrowed to alerts that are not about the person acting. */
export function exceptAboutPerson(change: AlertChange, userId: string): AlertChange {
  return { ...change, changeable: `${change.changeable} AND NOT ${ALERT_ABOUT_PERSON_SQL}`, changeableParams: [...change.changeableParams, userId] };
}

export function ownIncidentRefusal(what: string, details: Record<string, unknown> = {}): VigilError {
  return new VigilError('FORBIDDEN', `${what} is about you: another administrator must handle it`, { reason: OWN_INCIDENT, ...details });
}

export function isOwnIncidentRefusal(error: unknown): boolean {
  return error instanceof VigilError && error.code === 'FORBIDDEN' && error.details?.['reason'] === OWN_INCIDENT;
}

/** Whether alerts are about a person's own incident: the triage detail's `aboutYou`, and triage's shortcut. */
export class OwnIncidentAlerts {
  private readonly aboutPerson;
  private readonly anyIncident;

  constructor(db: SqliteDatabase) {
    this.aboutPerson = db.prepare<[string, string], { one: number }>(`SELECT 1 AS one FROM alerts a WHERE a.id = ? AND ${ALERT_ABOUT_PERSON_SQL}`);
    this.anyIncident = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM security_incidents WHERE subject_user_id = ? LIMIT 1');
  }

  /** Whether any incident is about the person (almost never): when not, triage need not count their alerts. */
  anyAbout(userId: string): boolean {
    return this.anyIncident.get(userId) !== undefined;
  }

  isAbout(alertId: string, userId: string): boolean {
    return this.aboutPerson.get(alertId, userId) !== undefined;
  }
}
