// A vault whose audit log a test writes by hand (AuditLog.append with a chosen time, like the rows a
// sign-in or an export leaves) and whose security monitor it runs on demand.
import { randomUUID } from 'node:crypto';
import type { AuditOutcome } from '../../../src-shared/model';
import type { SecurityIncident, SecurityRule, SecurityThresholds } from '../../../src-shared/security-model';
import { DEFAULT_SECURITY_THRESHOLDS } from '../../../src-shared/security-model';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { Repositories } from '../../../src-main/repositories';
import { saveSecurityThresholds } from '../../../src-main/security/security-thresholds';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A Monday, midnight UTC: the crafted histories start here. */
export const START = Date.UTC(2026, 2, 2);

export interface Person {
  id: string;
  name: string;
}

export const person = (name: string): Person => ({ id: randomUUID(), name });

export interface SecurityVault {
  vault: TestVault;
  admin: InProcessClient;
  repos: () => Repositories;
  log(row: { actor: Person | null; action: string; outcome?: AuditOutcome; at: number; target?: string; details?: Record<string, unknown> }): number;
  scan(options?: { chainCheck?: boolean }): ReturnType<TestVault['core']['services']['securityMonitor']['scan']>;
  incidents(rule?: SecurityRule): SecurityIncident[];
  evidence(incidentId: string): number[];
  thresholds(change: (t: SecurityThresholds) => void): void;
  /** The administrator signed in afresh (after the clock moved past their session's lifetime). */
  signIn(): Promise<InProcessClient>;
}

export async function makeSecurityVault(): Promise<SecurityVault> {
  const vault = makeTestVault({ timeZone: 'UTC' });
  vault.clock.set(START - DAY);
  const { admin } = await setUpVault(vault);
  const repos = () => vault.core.services.custody.vault.repositories;
  return {
    vault,
    admin,
    repos,
    log: (row) => repos().audit.append({
      actor: row.actor ?? { id: null, name: null }, action: row.action, outcome: row.outcome ?? 'success', at: row.at,
      target: row.target ?? null, details: row.details ?? {},
    }).seq,
    scan: (options) => vault.core.services.securityMonitor.scan(options),
    incidents: (rule) => repos().securityIncidents.list({}, undefined, 200).incidents.filter((i) => rule === undefined || i.rule === rule),
    evidence: (incidentId) => repos().securityIncidents.evidenceOf(incidentId, 10_000),
    async signIn() {
      const client = vault.client();
      await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
      return client;
    },
    thresholds(change) {
      const next = structuredClone(DEFAULT_SECURITY_THRESHOLDS);
      change(next);
      repos().db.transaction(() => saveSecurityThresholds(repos().settings, next))();
    },
  };
}
