// Demo investigations over the demo alerts: every status (closed ones with each resolution), each
// template, alerts of matching rules linked, a status history spread over the past weeks, notes,
// findings and tasks (some done). Idempotent by seed: each carries ("demo", "seed-S-N") as its
// source and case number, and one that exists is skipped.
import { RESOLUTIONS, type InvestigationStatus, type Resolution, type TemplateId } from '../../src-shared/workspace-model';
import type { StatusLogEntry } from '../investigations/investigation-repository';
import { templateById } from '../investigations/templates';
import { FULL_VIEW } from '../pii/pii-lens';
import type { Repositories } from '../repositories';
import { LINKED_AFTER_OPENING_MS } from './demo-history';
import { seededRandom } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Which demo rules feed which kind of investigation. */
const PLAYBOOK: readonly { templateId: TemplateId; rules: readonly string[]; titles: readonly string[] }[] = [
  { templateId: 'account_takeover', rules: ['credential-stuffing', 'impossible-travel'], titles: ['Takeover of a seller account', 'Credential stuffing wave against creators', 'Impossible travel on a moderator account'] },
  { templateId: 'fraud_ring', rules: ['card-testing', 'shared-device-ring'], titles: ['Card-testing ring on shared devices', 'Refund fraud ring', 'Accounts sharing one payment instrument'] },
  { templateId: 'spam_wave', rules: ['spam-report'], titles: ['Promo spam wave', 'Lookalike-domain spam burst'] },
  { templateId: 'harmful_content', rules: ['phishing-url', 'csam-hash-match'], titles: ['Phishing pages shared in comments', 'Hash-matched uploads'] },
  { templateId: 'blank', rules: ['harassment-report'], titles: ['Coordinated harassment reports', 'Repeat harassment by one account'] },
];
const STATUSES: readonly InvestigationStatus[] = ['open', 'in_progress', 'pending', 'closed'];
const NOTES = ['Checked the login history; the pattern matches earlier cases.', 'Asked the payments team for the chargeback list.', 'Waiting on the account owner to confirm.', 'Linked the remaining alerts from the same source.'];

export const defaultDemoInvestigations = (alerts: number): number => Math.min(200, Math.max(5, Math.round(alerts / 2000)));

export async function generateDemoInvestigations(
  repos: Repositories,
  options: { count: number; seed: number; now: number; days: number; userId: string },
): Promise<{ created: number }> {
  const random = seededRandom(options.seed * 7919 + 1);
  const store = repos.investigations;
  const exists = repos.db.prepare<[string], { id: string }>("SELECT id FROM investigations WHERE source = 'demo' AND external_ref = ?");
  // The alerts that led up to the case's opening, so a demo queue's newest alerts stay mostly new.
  const freeAlerts = repos.db.prepare<[string, string, number, number], { id: string }>(
    `SELECT id FROM alerts WHERE rule IN (?, ?) AND investigation_id IS NULL AND deleted_at IS NULL AND occurred_at <= ?
     ORDER BY occurred_at DESC LIMIT ?`,
  );
  let created = 0;
  for (let i = 0; i < options.count; i += 1) {
    const externalRef = `seed-${options.seed}-${i}`;
    const play = PLAYBOOK[i % PLAYBOOK.length] ?? PLAYBOOK[0];
    // Statuses cycle so every one is present from the first four; closed cases cycle resolutions.
    const status = STATUSES[i % STATUSES.length] ?? 'open';
    const resolution: Resolution | null = status === 'closed' ? (RESOLUTIONS[Math.floor(i / STATUSES.length) % RESOLUTIONS.length] ?? 'actioned') : null;
    if (!play || exists.get(externalRef)) continue;
    const template = templateById(play.templateId);
    const openedAt = options.now - (1 + random.int(Math.max(1, options.days - 1))) * DAY - random.int(DAY);
    const history = demoHistory(openedAt, status, resolution, options.userId, options.now, random.int(48) + 1);
    const closedAt = status === 'closed' ? (history[history.length - 1]?.at ?? openedAt) : null;
    const investigation = store.records.insert({
      title: random.pick(play.titles), summary: `${template.description}\n\nDemo case ${i + 1}.`, status, resolution,
      severity: template.severity, assigneeId: random.chance(0.7) ? options.userId : null, tags: [...template.tags, 'demo'],
      slaDueAt: template.slaHours > 0 ? openedAt + template.slaHours * HOUR : null, templateId: play.templateId,
      openedAt, closedAt, sourceResolvedAt: null, createdBy: options.userId, externalRef, source: 'demo',
    }, history);
    const ids = freeAlerts.all(play.rules[0] ?? '', play.rules[1] ?? play.rules[0] ?? '', openedAt, 3 + random.int(28)).map((a) => a.id);
    if (ids.length > 0) await repos.triage.linkAlerts({ ids }, investigation.id, 'promote', options.userId, undefined, openedAt + LINKED_AFTER_OPENING_MS);
    repos.db.transaction(() => {
      template.tasks.forEach((title, n) => {
        const task = store.tasks.add({ investigationId: investigation.id, title, assigneeId: null, dueAt: null });
        if (status === 'closed' || n < template.tasks.length / 2) store.tasks.update(task.id, { done: true });
      });
      const view = store.view(FULL_VIEW, () => null);
      for (let n = 0; n < 1 + random.int(3); n += 1) store.notes.add(investigation.id, random.pick(NOTES), options.userId, view);
      if (status !== 'open') store.findings.add(investigation.id, 'What we know so far', `- ${ids.length} alerts linked\n- severity **${template.severity}**`, options.userId, view);
    })();
    created += 1;
    if (i % 20 === 19) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { created };
}

/** Opened, then worked on, maybe waiting, then closed, `step` hours apart (never in the future). */
function demoHistory(openedAt: number, status: InvestigationStatus, resolution: Resolution | null, userId: string, now: number, step: number): StatusLogEntry[] {
  const at = (n: number) => Math.min(now, openedAt + n * step * HOUR);
  const history: StatusLogEntry[] = [{ at: openedAt, userId, from: null, to: 'open', resolution: null, reason: null }];
  if (status === 'open') return history;
  history.push({ at: at(1), userId, from: 'open', to: 'in_progress', resolution: null, reason: null });
  if (status === 'in_progress') return history;
  history.push({ at: at(2), userId, from: 'in_progress', to: 'pending', resolution: null, reason: 'Waiting for the owner' });
  if (status === 'pending') return history;
  history.push({ at: at(3), userId, from: 'pending', to: 'closed', resolution, reason: null });
  return history;
}
