// The history a demo vault replays, so its analytics read like a team's: alerts arrive minutes after
// they occur (as from a live feed), and most get a verdict some time after they arrive: quickly
// for most, hours or days for some, never yet for the newest. Every choice is a hash of the alert's
// fingerprint and the seed, never of the order alerts are met in, so a rerun with the same seed
// repeats the same history (the demo is idempotent) and adds nothing.
import type { DismissReason } from '../../src-shared/workspace-model';
import type { Repositories } from '../repositories';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A uniform number in [0, 1) from text (FNV-1a, 32 bits). */
export function uniformOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}

/** When a demo alert reached Vigil: 1 to 20 minutes after it occurred, never after the demo's end. */
export function demoReceivedAt(externalId: string, occurredAt: number, end: number): number {
  return Math.min(end, occurredAt + MINUTE + Math.floor(uniformOf(`received:${externalId}`) * 20) * MINUTE);
}

/** Time to triage: log-normal around a median of 40 minutes (σ 1.4: a tenth take under 7 minutes, a tenth over 4 hours). */
const TRIAGE_MEDIAN_MS = 40 * MINUTE;
const TRIAGE_SIGMA = 1.4;
/** Of the verdicts: dismissed as false positive, dismissed as benign, acknowledged (the rest of the share). */
const FALSE_POSITIVE = 0.45;
const BENIGN = 0.1;
/** An alert older than this that was not picked for a verdict stays in the queue: the team's backlog. */
const LEFT_IN_QUEUE = 0.12;

type Verdict = { kind: 'dismiss'; reason: DismissReason } | { kind: 'acknowledge' };

interface Planned {
  id: string;
  at: number;
}

/**
 * Gives the demo's waiting alerts their verdicts, each dated a log-normal time after the alert
 * arrived; one whose time falls after `end` is still waiting. Alerts promoted into demo cases
 * already have theirs. Only alerts the demo wrote (no import, a demo source) are touched.
 */
export async function triageDemoAlerts(repos: Repositories, options: { seed: number; end: number; sources: readonly string[] }): Promise<number> {
  const waiting = repos.db.prepare<[string], { id: string; fingerprint: string; created_at: number }>(
    `SELECT id, fingerprint, created_at FROM alerts
     WHERE status = 'new' AND deleted_at IS NULL AND import_id IS NULL AND source IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(options.sources));
  const plans = new Map<string, { verdict: Verdict; alerts: Planned[] }>();
  for (const alert of waiting) {
    const draw = (what: string) => uniformOf(`${what}:${options.seed}:${alert.fingerprint}`);
    if (draw('queue') < LEFT_IN_QUEUE) continue;
    // Box–Muller from two uniforms (the first kept off 0).
    const normal = Math.sqrt(-2 * Math.log(1 - draw('lag-a'))) * Math.cos(2 * Math.PI * draw('lag-b'));
    const at = alert.created_at + Math.round(TRIAGE_MEDIAN_MS * Math.exp(TRIAGE_SIGMA * normal));
    if (at > options.end) continue;
    const pick = draw('verdict');
    const verdict: Verdict = pick < FALSE_POSITIVE ? { kind: 'dismiss', reason: 'false_positive' }
      : pick < FALSE_POSITIVE + BENIGN ? { kind: 'dismiss', reason: 'benign' } : { kind: 'acknowledge' };
    const key = verdict.kind === 'dismiss' ? verdict.reason : verdict.kind;
    const plan = plans.get(key) ?? { verdict, alerts: [] };
    plan.alerts.push({ id: alert.id, at });
    plans.set(key, plan);
  }
  let decided = 0;
  for (const { verdict, alerts } of plans.values()) {
    const times = new Map(alerts.map((a) => [a.id, a.at]));
    const result = await repos.triage.bulk({ ids: alerts.map((a) => a.id) }, verdict, undefined, (id) => times.get(id) ?? options.end);
    decided += result.affected;
  }
  return decided;
}

/** When, after a demo case opened, the demo links the alerts that led to it: after every one of them arrived (20 minutes at most). */
export const LINKED_AFTER_OPENING_MS = HOUR / 2;
