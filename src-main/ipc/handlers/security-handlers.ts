// Channels of the security monitoring (src-main/security/): incidents with their evidence, status
// changes under four eyes, risk scores, thresholds and a scan on demand.
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { changeIncidentStatus } from '../../security/incident-status';
import { riskScores, RISK_HORIZON_HALF_LIVES } from '../../security/risk-score';
import { readSecurityThresholds, saveSecurityThresholds } from '../../security/security-thresholds';
import { requireSession, type Services } from './services';

/** Evidence rows shown with an incident at most (a burst across the vault can hold thousands). */
const EVIDENCE_SHOWN = 500;
const DAY = 86_400_000;

type Channels = 'security.incidents' | 'security.incident' | 'security.updateIncident' | 'security.riskScores'
  | 'security.thresholds' | 'security.updateThresholds' | 'security.scan';

export function securityHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'security.incidents': (input) => repos().securityIncidents.list(input, input.cursor, input.limit),
    'security.incident': (input) => {
      const incident = repos().securityIncidents.get(input.incidentId);
      if (!incident) throw new VigilError('NOT_FOUND', 'No such security incident');
      return { ...incident, evidence: repos().audit.entriesAt(repos().securityIncidents.evidenceOf(incident.id, EVIDENCE_SHOWN)) };
    },
    'security.updateIncident': (input, { session }) => {
      const live = requireSession(session);
      const actor = { id: live.userId, name: s.sessions.view(live).username };
      return changeIncidentStatus(repos(), input, actor, s.clock.now());
    },
    'security.riskScores': () => {
      const { riskHalfLifeDays } = readSecurityThresholds(repos().settings);
      const now = s.clock.now();
      return riskScores(repos().securityIncidents.aboutPeopleSince(now - RISK_HORIZON_HALF_LIVES * riskHalfLifeDays * DAY), now, riskHalfLifeDays);
    },
    'security.thresholds': () => readSecurityThresholds(repos().settings),
    'security.updateThresholds': (input, { note }) => {
      const settings = repos().settings;
      note({ details: { before: readSecurityThresholds(settings), after: input } });
      repos().db.transaction(() => saveSecurityThresholds(settings, input))();
      return readSecurityThresholds(settings);
    },
    'security.scan': async (input, { note }) => {
      const outcome = await (input.full ? s.securityMonitor.fullRescan() : s.securityMonitor.scan());
      note({ details: { full: input.full, scanned: outcome.scanned, opened: outcome.opened } });
      return outcome;
    },
  };
}
