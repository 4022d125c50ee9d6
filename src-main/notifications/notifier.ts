// Decides who is told what (notification-rules.ts, sla-watch.ts), writes it for them, and tells
// their windows at once (a per-session 'notifications.changed' with their unread count), so the
// bell moves without a poll. Called by the router after each successful call, and, for due times,
// which pass without anyone calling anything, by a scheduled check: once when it starts, once when
// the vault opens (a due time passed while it was locked is told at sign-in), then every minute.
// Reads never run the check: a read writes nothing.
import { RepeatingTimer } from '../platform/repeating-timer';
import type { ChannelName } from '../../src-shared/contract';
import type { SessionService } from '../auth/session-service';
import type { LiveSession } from '../auth/session-registry';
import type { VaultCustody } from '../vault/custody';
import type { Repositories } from '../repositories';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { MainWriteTurn } from '../store/write-turn';
import { roleHas } from '../../src-shared/permissions';
import { readSlaPolicy } from '../settings/sla-policy';
import { notificationsFor } from './notification-rules';
import { slaNotifications } from './sla-watch';
import type { NotificationDraft } from './notifications-repository';
import type { ScheduledJobOutcomes } from '../jobs/scheduled-jobs';

export const SLA_WATCH_MS = 60_000;

/** A call that succeeded, as the router hands it over. */
export interface CompletedCall {
  channel: ChannelName;
  input: unknown;
  output: unknown;
  session: LiveSession | null;
  details: Record<string, unknown> | undefined;
}

export interface NotifierDependencies {
  custody: VaultCustody<Repositories>;
  sessions: SessionService;
  /** Pushes a person's unread count to one of their windows (the composition root wires the event hub). */
  push(sessionId: string, unread: number): void;
  clock: Clock;
  logger: Logger;
  /** The vault's write turn: the scheduled SLA watch writes outside any router call, so it asks for it. */
  writeTurn: MainWriteTurn;
  /** Where a scheduled SLA check that ran or failed is recorded, for the failed-jobs health check. */
  scheduledJobs?: ScheduledJobOutcomes;
}

export class Notifier {
  private readonly timer = new RepeatingTimer(SLA_WATCH_MS, () => this.watchSlaLogged());

  constructor(private readonly deps: NotifierDependencies) {}

  /** After a call succeeded: tells whoever its rules name. */
  afterCall(call: CompletedCall): void {
    const { session } = call;
    if (!session || session.state !== 'active' || !this.deps.custody.isOpen) return;
    const actor = { id: session.userId, displayName: this.deps.sessions.view(session).displayName };
    const repositories = this.deps.custody.vault.repositories;
    const drafts = notificationsFor({ ...call, actor }, {
      approvers: () => repositories.users.list().filter((user) => user.disabledAt === null && roleHas(user.role, 'approve_actions')).map((user) => user.id),
    });
    this.deliver(drafts);
  }

  /** Tells assignees of open cases near or past their due time (once per fact); false when the vault is closed. */
  watchSla(): boolean {
    if (!this.deps.custody.isOpen) return false;
    const repositories = this.deps.custody.vault.repositories;
    const { atRiskWindowMs } = readSlaPolicy(repositories.settings);
    const now = this.deps.clock.now();
    this.deliver(slaNotifications(repositories.notifications.casesDueBefore(now + atRiskWindowMs), now, atRiskWindowMs));
    return true;
  }

  /** The unread count of `userId`'s notifications, pushed to every window they have open. */
  announce(userId: string): void {
    if (!this.deps.custody.isOpen) return;
    const unread = this.deps.custody.vault.repositories.notifications.unread(userId);
    for (const live of this.deps.sessions.ofUser(userId)) this.deps.push(live.id, unread);
  }

  /** Starts the scheduled SLA check: now, then every minute. */
  start(): void {
    if (this.timer.running) return;
    this.timer.start();
    this.watchSlaLogged();
  }

  /** The vault just opened: due times may have passed while it was locked or closed (only while the check is scheduled). */
  vaultOpened(): void {
    if (this.timer.running) this.watchSlaLogged();
  }

  stop(): void {
    this.timer.stop();
  }

  /** A scheduled run: a failure is logged, and the next minute tries again. */
  private watchSlaLogged(): void {
    const { scheduledJobs, clock } = this.deps;
    this.deps.writeTurn.run(() => this.watchSla()).then((watched) => {
      if (watched) scheduledJobs?.succeeded('sla-watch', clock.now());
    }, (error: unknown) => {
      scheduledJobs?.failed('sla-watch', clock.now(), error);
      this.deps.logger.log('error', 'SLA watch failed', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  private deliver(drafts: readonly NotificationDraft[]): void {
    if (drafts.length === 0) return;
    const told = this.deps.custody.vault.repositories.notifications.add(drafts, this.deps.clock.now());
    for (const userId of told) this.announce(userId);
  }
}
