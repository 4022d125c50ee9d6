// Everything that reads or writes an open vault, built once per unlock from the database handle.
import type { Clock } from './platform/clock';
import type { SqliteDatabase } from './store/database';
import { createRowContext, type RowContext } from './store/row-context';
import { AuditLog } from './audit/audit-log';
import { UsersRepository } from './auth/users-repository';
import { SessionsRepository } from './auth/sessions-repository';
import { ApiTokensRepository } from './auth/api-tokens-repository';
import { RecoveryCodesRepository } from './auth/recovery-codes-repository';
import { SettingsRepository } from './settings/settings-repository';
import { AlertQueries } from './alerts/alert-queries';
import { InvestigationStore } from './investigations/investigation-store';
import { TriageService } from './triage/triage-service';
import { ActionsRepository } from './actions/actions-repository';
import { UserRefs } from './auth/user-refs';
import { EvidenceRepository } from './evidence/evidence-repository';
import { SearchQueries } from './search/search-queries';
import { PaletteLookupQueries } from './search/palette-lookup';
import { SavedQueriesRepository } from './search/saved-queries-repository';
import { AlertExporter } from './exports/alert-export';
import { InvestigationExporter } from './exports/investigation-export';
import { SimilarAlerts } from './alerts/similar-alerts';
import { AlertFacets } from './alerts/alert-facets';
import { EntityQueries } from './entities/entity-queries';
import { EntityNeighbourQuery } from './entities/entity-neighbours';
import { MappingProfileRepository } from './import/mapping-profile-repository';
import { AnomalyMarksRepository } from './analytics/anomaly-marks';
import { NotificationsRepository } from './notifications/notifications-repository';
import { HealthRepository } from './health/health-repository';
import { IncidentRepository } from './security/incident-repository';
import { OwnIncidentAlerts } from './security/four-eyes';

export interface Repositories {
  db: SqliteDatabase;
  row: RowContext;
  users: UsersRepository;
  sessions: SessionsRepository;
  apiTokens: ApiTokensRepository;
  recoveryCodes: RecoveryCodesRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  alerts: AlertQueries;
  investigations: InvestigationStore;
  triage: TriageService;
  actions: ActionsRepository;
  userRefs: UserRefs;
  evidence: EvidenceRepository;
  search: SearchQueries;
  paletteLookup: PaletteLookupQueries;
  savedQueries: SavedQueriesRepository;
  alertExporter: AlertExporter;
  investigationExporter: InvestigationExporter;
  similarAlerts: SimilarAlerts;
  alertFacets: AlertFacets;
  entities: EntityQueries;
  entityNeighbours: EntityNeighbourQuery;
  mappingProfiles: MappingProfileRepository;
  anomalyMarks: AnomalyMarksRepository;
  notifications: NotificationsRepository;
  health: HealthRepository;
  securityIncidents: IncidentRepository;
  ownIncidentAlerts: OwnIncidentAlerts;
}

export function buildRepositories(db: SqliteDatabase, clock: Clock): Repositories {
  const row = createRowContext(db, () => clock.now());
  const investigations = new InvestigationStore(db, row);
  const alerts = new AlertQueries(db);
  const actions = new ActionsRepository(db, row, investigations.lookup);
  const userRefs = new UserRefs(db);
  const evidence = new EvidenceRepository(db, row, investigations.lookup);
  const alertExporter = new AlertExporter(db);
  const ownIncidentAlerts = new OwnIncidentAlerts(db);
  return {
    db,
    row,
    users: new UsersRepository(db, row),
    sessions: new SessionsRepository(db),
    apiTokens: new ApiTokensRepository(db),
    recoveryCodes: new RecoveryCodesRepository(db, row),
    settings: new SettingsRepository(db, row),
    audit: new AuditLog(db, row),
    actions,
    userRefs,
    evidence,
    search: new SearchQueries(db),
    paletteLookup: new PaletteLookupQueries(db),
    savedQueries: new SavedQueriesRepository(db, row),
    alertExporter,
    investigationExporter: new InvestigationExporter(db, { alerts: alertExporter, actions, evidence, users: userRefs }),
    alerts,
    investigations,
    triage: new TriageService(db, row, investigations, ownIncidentAlerts),
    similarAlerts: new SimilarAlerts(db, alerts),
    alertFacets: new AlertFacets(db),
    entities: new EntityQueries(db),
    entityNeighbours: new EntityNeighbourQuery(db),
    mappingProfiles: new MappingProfileRepository(db, row),
    anomalyMarks: new AnomalyMarksRepository(db, row),
    notifications: new NotificationsRepository(db),
    health: new HealthRepository(db),
    securityIncidents: new IncidentRepository(db),
    ownIncidentAlerts,
  };
}
