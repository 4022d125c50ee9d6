// Each new security incident also enters the triage queue as an alert with source `vigil` and rule
// `security.<rule>`, so it is triaged like any alert. Linked both ways: the alert's external id names
// the incident, the incident keeps the alert's id. Written in the scan's transaction.
import { SECURITY_RULE_TITLES } from '../../src-shared/security-model';
import { AlertWriter } from '../alerts/alert-writer';
import type { Repositories } from '../repositories';
import type { Firing } from './audit-fact';

export const SECURITY_ALERT_SOURCE = 'vigil';
export const securityAlertRule = (rule: Firing['rule']) => `security.${rule}`;
export const securityAlertExternalId = (incidentId: string) => `security:${incidentId}`;

export class IncidentAlerts {
  private readonly writer: AlertWriter;
  private readonly alertId;

  constructor(private readonly repos: Repositories) {
    // The title carries the incident's reference, so two incidents never fold into one alert.
    this.writer = new AlertWriter(repos.db, repos.row, null, { dedup: { parts: ['source', 'rule', 'title'], bucketMs: 0 } });
    this.alertId = repos.db.prepare<[string, string], { id: string }>('SELECT id FROM alerts WHERE source = ? AND external_id = ?');
  }

  /**
   * Writes the incident's alert and links it; returns the alert's id. It occurs when it was found
   * (`now`), so it arrives at the top of the queue even when the rows behind it are old (failures
   * copied in at unlock, a rescan of history).
   */
  raise(incidentId: string, firing: Firing, now: number): string | null {
    const externalId = securityAlertExternalId(incidentId);
    const who = firing.subject ? (firing.subject.name ?? firing.subject.id ?? 'unknown account') : 'the vault';
    this.writer.write({
      source: SECURITY_ALERT_SOURCE, externalId, rule: securityAlertRule(firing.rule),
      title: `Security: ${SECURITY_RULE_TITLES[firing.rule]} — ${who} (incident ${incidentId.slice(-8)})`,
      description: [
        firing.summary,
        `Security incident ${incidentId}: its evidence (audit rows) and status are on the Security screen.`,
        'The person it is about cannot resolve it themselves.',
      ].join('\n'),
      severity: firing.severity, occurredAt: now, entities: [], primaryEntity: null, importId: null, raw: null,
    });
    this.writer.flush();
    const id = this.alertId.get(SECURITY_ALERT_SOURCE, externalId)?.id ?? null;
    if (id) this.repos.securityIncidents.linkAlert(incidentId, id);
    return id;
  }
}
