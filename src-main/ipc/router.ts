// The one place every call passes through, whatever the transport: contract lookup, session and
// permission check (deny by default), zod validation, the handler, audit, typed errors, timing.
import { performance } from 'node:perf_hooks';
import { contract, isChannelName, type Access, type ChannelName, type ChannelOutput, type ParsedInput } from '../../src-shared/contract';
import { VigilError, type InvokeResult, type WireError } from '../../src-shared/errors';
import { roleHas } from '../../src-shared/permissions';
import type { SessionView } from '../../src-shared/model';
import type { Logger } from '../platform/logger';
import type { LiveSession } from '../auth/session-registry';
import type { SessionService } from '../auth/session-service';
import type { AuditLog } from '../audit/audit-log';
import type { CallMetrics } from './call-metrics';
import { inputProblem } from './input-limits';
import type { MainWriteTurn } from '../store/write-turn';

/** What a transport knows about the caller, and how a handler binds or clears its session token. */
export interface Caller {
  /** The bearer token the transport holds for this window or client, if any. */
  token: string | null;
  /** 'electron', 'browser' or 'cli', recorded with sessions. */
  client: string;
  /** The window made this call on its own (a live reread): it does not count as the person's activity. */
  background?: boolean;
  bindSession(token: string): void;
  clearSession(): void;
}

export interface HandlerContext {
  session: LiveSession | null;
  caller: Caller;
  /**
   * Adds the target and details to this call's audit row. `outcome: 'denied'` marks a refusal by a
   * rule of the handler's own (four eyes), so the row a failed call leaves says denied, not failure.
   */
  note(audit: { target?: string; details?: Record<string, unknown>; outcome?: 'denied' }): void;
}

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  context: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

export interface RouterDependencies {
  sessions: SessionService;
  /** The audit log while the vault is open, else null. */
  audit: () => AuditLog | null;
  metrics: CallMetrics;
  logger: Logger;
  /**
   * Runs after every successful call, once its writes are committed: where main tells other windows
   * (data-change-announcer.ts) and people (notifications) what changed. Never fails the call.
   */
  succeeded?: (call: SucceededCall) => void;
  /**
   * The open vault's write turn (store/write-turn.ts), shared with a worker that writes the vault (an
   * import). Every call's synchronous part runs inside it, reads too: telling reads from writes per
   * channel would be one more list to keep right, and while no worker writes the turn is free and
   * costs a few microtasks. A handler's promise is awaited outside the turn, so a handler that waits
   * for a worker never holds it; what the call writes after the handler (session touch, audit) takes
   * the turn again. The turn is re-entrant: what the call writes inside it (its transactions, through
   * the main connection's wrapper) joins it rather than taking it twice.
   */
  writeTurn?: MainWriteTurn;
}

/** A call that returned: what it was given (parsed) and what it answered, with the caller's session. */
export interface SucceededCall {
  channel: ChannelName;
  input: unknown;
  output: unknown;
  session: LiveSession | null;
  /** What the handler noted for the audit row (e.g. an assignee change). */
  details: Record<string, unknown> | undefined;
}

/**
 * Wall time worth a log line. Argon2 runs off the event loop, so a slow call is not a frozen app;
 * event-loop lag itself is measured by tests/unit/ipc/event-loop-lag.serial.test.ts.
 */
const SLOW_CALL_MS = 2000;

export class Router {
  constructor(private readonly handlers: Handlers, private readonly deps: RouterDependencies) {}

  async invoke(channel: unknown, rawInput: unknown, caller: Caller): Promise<InvokeResult<unknown>> {
    const started = performance.now();
    const name = isChannelName(channel) ? channel : null;
    let session: LiveSession | null = null;
    let note: { target?: string; details?: Record<string, unknown>; outcome?: 'denied' } = {};
    let denied = false;
    const inTurn = <T>(work: () => T): T | Promise<T> => (this.deps.writeTurn ? this.deps.writeTurn.run(work) : work());
    try {
      const handled = await inTurn(() => {
        if (!name) throw new VigilError('UNKNOWN_CHANNEL', 'No such channel');
        session = this.deps.sessions.findByToken(caller.token);
        denied = true;
        this.authorize(name, contract[name].access, session);
        denied = false;
        const problem = inputProblem(rawInput);
        if (problem) throw new VigilError('VALIDATION', problem.message, { issues: [problem] });
        const parsed = contract[name].input.safeParse(rawInput ?? {});
        if (!parsed.success) {
          throw new VigilError('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid input', {
            issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
          });
        }
        const handler = this.handlers[name] as Handler<ChannelName>;
        const output = handler(parsed.data as ParsedInput<ChannelName>, {
          session, caller, note: (n) => { note = { ...note, ...n }; },
        });
        const answered = { name, input: parsed.data as unknown, output };
        // A synchronous handler is done: its bookkeeping joins its turn.
        if (!isPromiseLike(output)) this.succeed(answered.name, answered.input, output, session, caller, note);
        return answered;
      });
      if (!isPromiseLike(handled.output)) return { ok: true, value: handled.output };
      const value: unknown = await handled.output;
      const finished = session;
      await inTurn(() => this.succeed(handled.name, handled.input, value, finished, caller, note));
      return { ok: true, value };
    } catch (error) {
      const wire = this.toWireError(error, name);
      // A denial by the permission check was already audited as access.denied.
      if (name && contract[name].audited && !denied) {
        const failed = session;
        await inTurn(() => this.audit(name, failed, note.outcome ?? 'failure', { ...note, details: { ...note.details, code: wire.code } }));
      }
      return { ok: false, error: wire };
    } finally {
      const elapsed = performance.now() - started;
      this.deps.metrics.record(name ?? 'unknown', elapsed);
      if (elapsed > SLOW_CALL_MS) this.deps.logger.log('warn', 'slow ipc call', { channel: name, ms: Math.round(elapsed) });
    }
  }

  /** After the handler returned: the session's activity, the audit row, then who is told. */
  private succeed(
    name: ChannelName, input: unknown, value: unknown, session: LiveSession | null, caller: Caller,
    note: { target?: string; details?: Record<string, unknown> },
  ): void {
    if (session && session.state === 'active' && !contract[name].passive && !caller.background && this.deps.sessions.findById(session.id)) this.deps.sessions.touch(session);
    if (contract[name].audited) this.audit(name, session, 'success', note);
    this.afterSuccess({ channel: name, input, output: value, session, details: note.details });
  }

  private afterSuccess(call: SucceededCall): void {
    try {
      this.deps.succeeded?.(call);
    } catch (error) {
      // The write stands; a window not told reads it at its next reload.
      this.deps.logger.log('error', 'announcing a change failed', { channel: call.channel, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private authorize(name: ChannelName, access: Access, session: LiveSession | null): void {
    if (access.kind === 'public') return;
    if (!session) throw new VigilError('AUTH_REQUIRED', 'Sign in first');
    if (access.kind === 'session') {
      if (!access.states.includes(session.state)) throw stateError(session);
      return;
    }
    if (session.state !== 'active') throw stateError(session);
    const view: SessionView = this.deps.sessions.view(session);
    if (!roleHas(view.role, access.permission)) {
      this.audit(name, session, 'denied', { details: { permission: access.permission } }, 'access.denied');
      throw new VigilError('FORBIDDEN', 'Your role does not allow this', { permission: access.permission });
    }
  }

  private audit(
    channel: ChannelName,
    session: LiveSession | null,
    outcome: 'success' | 'failure' | 'denied',
    note: { target?: string; details?: Record<string, unknown> },
    action: string = channel,
  ): void {
    const log = this.deps.audit();
    if (!log) return;
    const actor = session ? { id: session.userId, name: this.deps.sessions.view(session).username } : { id: null, name: null };
    log.append({ actor, action, target: note.target ?? null, outcome, details: { channel, ...note.details } });
  }

  private toWireError(error: unknown, channel: ChannelName | null): WireError {
    if (error instanceof VigilError) return error.toWire();
    // Unknown failures are logged here with the channel only: never inputs, which may hold secrets.
    this.deps.logger.log('error', 'ipc handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
    return { code: 'INTERNAL', message: 'Something went wrong; the details are in the log' };
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function stateError(session: LiveSession): VigilError {
  if (session.state === 'locked') return new VigilError('SESSION_LOCKED', 'The session is locked');
  return new VigilError('SESSION_STATE', 'Finish signing in first', { state: session.state });
}
