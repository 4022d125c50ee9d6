// Watches the vault's own audit log for misuse (docs/SECURITY-MONITORING.md). Reads the rows after its
// cursor in pages, shows each to the rules that read its action (security-rules.ts) and records what
// fires as incidents (incident-repository.ts), each new one also raised as an alert. A page's
// incidents, alerts, audit rows and the cursor's advance commit in one transaction, so a crash never
// fires twice nor skips a row. Runs 2 s after audit rows are appended (one scan for a burst of rows),
// every minute, and soon after the vault opens; each page in the vault's write turn. The audit chain
// is checked on the timer (new rows since the last verified head, in slices), never per row.
import type { SecurityScanOutcome } from '../../src-shared/security-model';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { RepeatingTimer } from '../platform/repeating-timer';
import type { Repositories } from '../repositories';
import type { MainWriteTurn } from '../store/write-turn';
import type { Firing, RuleContext, SecurityRuleCheck } from './audit-fact';
import { AUDIT_FACT_COLUMNS, factOf, SqlAuditLookBack, type AuditFactRow } from './audit-look-back';
import { IncidentAlerts } from './incident-alerts';
import { rulesByAction } from './security-rules';
import { readSecurityThresholds } from './security-thresholds';
import type { ScheduledJobOutcomes } from '../jobs/scheduled-jobs';

/** Rows per page: one transaction in the write turn each (about a millisecond of rows no rule reads). */
export const SCAN_PAGE_ROWS = 2000;
const SCAN_AFTER_APPEND_MS = 2000;
const SCAN_EVERY_MS = 60_000;
const CHAIN_CHECK_EVERY_MS = 15 * 60_000;
/**
 * Rows the chain check verifies per turn (~30 ms of hashing): a first check of a long log (a vault
 * upgraded with a million rows) goes slice by slice, each in the write turn, the app turning between.
 */
const CHAIN_CHECK_SLICE = 10_000;
/** A break found again (another process, after a restart) within this long folds into the incident still open. */
const CHAIN_BREAK_FOLD_MS = 7 * 24 * 60 * 60_000;
const VIGIL = { id: null, name: 'vigil' };

export interface SecurityMonitorDependencies {
  /** The open vault's repositories, or null while it is locked or closed. */
  repositories: () => Repositories | null;
  clock: Clock;
  logger: Logger;
  writeTurn: MainWriteTurn;
  /** The zone sign-in hours are counted in: the system's (as analytics). */
  timeZone: () => string;
  /** Called when incidents were opened, so open triage queues and Security screens read them. */
  raised?: () => void;
  /** Where a scan that ran or failed is recorded, for the failed-jobs health check. */
  scheduledJobs?: ScheduledJobOutcomes;
}

interface PageOutcome {
  scanned: number;
  opened: number;
  extended: number;
  scannedSeq: number;
}

/** The statements a scan uses, prepared once per open vault. */
interface ScanStatements {
  repos: Repositories;
  after: (cursor: number) => AuditFactRow[];
  look: SqlAuditLookBack;
  alerts: IncidentAlerts;
}

export class SecurityMonitor {
  private readonly timer = new RepeatingTimer(SCAN_EVERY_MS, () => this.scanLogged(true));
  private debounce: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastChainCheck = Number.NEGATIVE_INFINITY;
  /** The problem row of the break already reported: a chain stays broken, and says so once. */
  private reportedBreak: number | null = null;
  private statements: ScanStatements | null = null;
  private readonly byAction: ReadonlyMap<string, readonly SecurityRuleCheck[]>;

  constructor(private readonly deps: SecurityMonitorDependencies, rules?: readonly SecurityRuleCheck[]) {
    this.byAction = rulesByAction(rules);
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
  }

  /** The vault opened: watch its log, and scan what was appended while the monitor was not looking. */
  vaultOpened(): void {
    this.statements = null;
    this.deps.repositories()?.audit.onAppended(() => this.appended());
    this.appended();
  }

  /** Audit rows were appended: one scan shortly, for however many arrive meanwhile. */
  appended(): void {
    if (this.debounce || !this.timer.running) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.scanLogged(false);
    }, SCAN_AFTER_APPEND_MS);
    this.debounce.unref();
  }

  private scanLogged(withChainCheck: boolean): void {
    this.scan({ chainCheck: withChainCheck && this.deps.clock.now() - this.lastChainCheck >= CHAIN_CHECK_EVERY_MS })
      .then((outcome) => {
        if (outcome.opened > 0) this.deps.logger.log('info', 'security incidents opened', { opened: outcome.opened });
      })
      .catch((error: unknown) => {
        this.deps.logger.log('warn', 'the security scan failed', { error: error instanceof Error ? error.message : String(error) });
      });
  }

  /**
   * Scans every row after the cursor, page by page, each page in the write turn; with `chainCheck`,
   * verifies the audit chain's new rows too. A scan already running is joined, not doubled.
   */
  scan(options: { chainCheck?: boolean } = {}): Promise<SecurityScanOutcome> {
    // One scan at a time: a second caller waits for the first and then scans what is left.
    const next = (this.running ?? Promise.resolve()).then(() => this.runScan(options.chainCheck ?? false));
    // The queue itself never rejects (the caller of each scan hears of its failure).
    const settled: Promise<void> = next.then(() => undefined, () => undefined).finally(() => {
      if (this.running === settled) this.running = null;
    });
    this.running = settled;
    return next;
  }

  /** Reads the whole log again from its first row (a bench, or after a restore); adds only what is missing. */
  async fullRescan(): Promise<SecurityScanOutcome> {
    await this.deps.writeTurn.run(() => this.deps.repositories()?.securityIncidents.rewind());
    return this.scan({ chainCheck: true });
  }

  /** A scan however started (timer, an append, Scan now): each one that ran or failed is recorded. */
  private async runScan(chainCheck: boolean): Promise<SecurityScanOutcome> {
    const { scheduledJobs, clock } = this.deps;
    try {
      const { total, ran } = await this.scanAll(chainCheck);
      // The vault locked before the first page: a scan that did not run leaves the job as it was.
      if (ran) scheduledJobs?.succeeded('security-scan', clock.now());
      return total;
    } catch (error) {
      scheduledJobs?.failed('security-scan', clock.now(), error);
      throw error;
    }
  }

  private async scanAll(chainCheck: boolean): Promise<{ total: SecurityScanOutcome; ran: boolean }> {
    const total: SecurityScanOutcome = { scanned: 0, opened: 0, extended: 0, scannedSeq: 0, chain: null };
    let ran = false;
    for (;;) {
      const page = await this.deps.writeTurn.run(() => this.scanPage());
      if (!page) return { total, ran };
      ran = true;
      total.scanned += page.scanned;
      total.opened += page.opened;
      total.extended += page.extended;
      total.scannedSeq = page.scannedSeq;
      if (page.scanned < SCAN_PAGE_ROWS) break;
    }
    if (chainCheck) {
      const chain = await this.checkChain();
      if (chain) {
        total.chain = chain.verdict;
        total.opened += chain.opened;
      }
    }
    // However the scan was started (timer, an append, Scan now), windows reread the queue its alerts joined.
    if (total.opened > 0) this.deps.raised?.();
    return { total, ran };
  }

  private prepared(repos: Repositories): ScanStatements {
    if (this.statements?.repos !== repos) {
      const after = repos.db.prepare<[number, number], AuditFactRow>(`SELECT ${AUDIT_FACT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
      this.statements = {
        repos,
        after: (cursor) => after.all(cursor, SCAN_PAGE_ROWS),
        look: new SqlAuditLookBack(repos.db),
        alerts: new IncidentAlerts(repos),
      };
    }
    return this.statements;
  }

  /** One page: its rows judged, its incidents and alerts written and the cursor moved, in one transaction. */
  scanPage(): PageOutcome | null {
    const repos = this.deps.repositories();
    if (!repos) return null;
    const { after, look, alerts } = this.prepared(repos);
    const context: RuleContext = { thresholds: readSecurityThresholds(repos.settings), timeZone: this.deps.timeZone() };
    return repos.db.transaction((): PageOutcome => {
      const cursor = repos.securityIncidents.scannedSeq();
      const rows = after(cursor);
      const outcome: PageOutcome = { scanned: rows.length, opened: 0, extended: 0, scannedSeq: cursor };
      for (const row of rows) {
        outcome.scannedSeq = row.seq;
        const rules = this.byAction.get(row.action);
        if (!rules) continue;
        const fact = factOf(row);
        for (const rule of rules) {
          const firing = rule.check(fact, look, context);
          if (firing) this.record(repos, alerts, firing, outcome);
        }
      }
      if (rows.length > 0) repos.securityIncidents.markScanned(outcome.scannedSeq);
      return outcome;
    })();
  }

  private record(repos: Repositories, alerts: IncidentAlerts, firing: Firing, outcome: PageOutcome): void {
    const now = this.deps.clock.now();
    const recorded = repos.securityIncidents.record(firing, now);
    if (recorded.kind === 'extended') outcome.extended += 1;
    if (recorded.kind !== 'opened') return;
    outcome.opened += 1;
    const alertId = alerts.raise(recorded.incidentId, firing, now);
    repos.audit.append({
      actor: VIGIL, action: 'security.incident_opened', target: recorded.incidentId, outcome: 'success',
      details: { rule: firing.rule, severity: firing.severity, subjectUserId: firing.subject?.id ?? null, evidence: firing.evidence.length, alertId },
    });
  }

  /**
   * Verifies the chain from the last verified head to the end, a slice per write turn, moving the
   * verified head after each; a broken chain opens a critical incident, once per problem row.
   */
  private async checkChain(): Promise<{ verdict: 'verified' | 'broken'; opened: number } | null> {
    this.lastChainCheck = this.deps.clock.now();
    for (;;) {
      const slice = await this.deps.writeTurn.run(() => this.checkChainSlice());
      if (slice === null || slice.verdict === 'broken' || slice.checked < CHAIN_CHECK_SLICE) {
        return slice && { verdict: slice.verdict, opened: slice.opened };
      }
    }
  }

  private checkChainSlice(): { verdict: 'verified' | 'broken'; opened: number; checked: number } | null {
    const repos = this.deps.repositories();
    if (!repos) return null;
    const checked = repos.audit.verifySince(repos.securityIncidents.verifiedHead(), CHAIN_CHECK_SLICE);
    if (checked.ok) {
      repos.db.transaction(() => repos.securityIncidents.markVerified(checked.head))();
      return { verdict: 'verified', opened: 0, checked: checked.checked };
    }
    if (this.reportedBreak === checked.seq) return { verdict: 'broken', opened: 0, checked: 0 };
    this.reportedBreak = checked.seq;
    const now = this.deps.clock.now();
    const { alerts } = this.prepared(repos);
    const outcome: PageOutcome = { scanned: 0, opened: 0, extended: 0, scannedSeq: 0 };
    repos.db.transaction(() => {
      // The problem row is named as evidence; a row that is gone (a deleted tail) cannot be.
      const problemRowExists = repos.audit.entriesAt([checked.seq]).length > 0;
      this.record(repos, alerts, {
        rule: 'audit_chain', severity: 'critical', subject: null, windowStart: now, windowEnd: now, triggerSeq: -checked.seq,
        evidence: problemRowExists ? [checked.seq] : [],
        summary: `The audit chain fails verification at row ${checked.seq} (${checked.reason})`, foldWithinMs: CHAIN_BREAK_FOLD_MS,
      }, outcome);
    })();
    return { verdict: 'broken', opened: outcome.opened, checked: 0 };
  }
}
