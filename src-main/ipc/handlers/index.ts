// Every channel's handler, checked against the contract: a channel without a handler does not compile.
import type { Handlers } from '../router';
import { accountHandlers } from './account-handlers';
import { adminHandlers } from './admin-handlers';
import { authHandlers } from './auth-handlers';
import { demoHandlers } from './demo-handlers';
import { alertHandlers } from './alert-handlers';
import { investigationHandlers } from './investigation-handlers';
import { triageHandlers } from './triage-handlers';
import { evidenceHandlers } from './evidence-handlers';
import { actionHandlers } from './action-handlers';
import { searchHandlers } from './search-handlers';
import { exportHandlers } from './export-handlers';
import { uploadHandlers } from './upload-handlers';
import { backupHandlers } from './backup-handlers';
import { casePackageHandlers } from './case-package-handlers';
import { importProfileHandlers } from './import-profile-handlers';
import { analyticsHandlers } from './analytics-handlers';
import { reportHandlers } from './report-handlers';
import { slaHandlers } from './sla-handlers';
import { investigationViewHandlers } from './investigation-view-handlers';
import { notificationHandlers } from './notification-handlers';
import { lookupHandlers } from './lookup-handlers';
import { actionHookHandlers } from './action-hook-handlers';
import { tokenHandlers } from './token-handlers';
import { myWorkHandlers } from './my-work-handlers';
import { healthHandlers } from './health-handlers';
import { securityHandlers } from './security-handlers';
import { retentionHandlers } from './retention-handlers';
import { complianceHandlers } from './compliance-handlers';
import { syncHandlers } from './sync-handlers';
import type { Services } from './services';

export function createHandlers(services: Services): Handlers {
  return {
    ...authHandlers(services), ...accountHandlers(services), ...adminHandlers(services), ...demoHandlers(services),
    ...alertHandlers(services), ...uploadHandlers(services), ...investigationHandlers(services), ...triageHandlers(services),
    ...evidenceHandlers(services), ...actionHandlers(services), ...searchHandlers(services), ...exportHandlers(services),
    ...backupHandlers(services), ...casePackageHandlers(services), ...importProfileHandlers(services),
    ...analyticsHandlers(services), ...reportHandlers(services), ...slaHandlers(services),
    ...investigationViewHandlers(services), ...notificationHandlers(services),
    ...lookupHandlers(services), ...actionHookHandlers(services), ...tokenHandlers(services),
    ...myWorkHandlers(services),
    ...healthHandlers(services),
    ...myWorkHandlers(services), ...securityHandlers(services),
    ...retentionHandlers(services),
    ...complianceHandlers(services),
    ...syncHandlers(services),
  };
}
