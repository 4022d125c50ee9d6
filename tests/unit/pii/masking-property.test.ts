// For random personal data written in random forms — phone numbers with and without brackets,
// cards in groups or in one run, IBANs spaced or not, IPv6 compressed or IPv4-mapped, emails and
// phone numbers inside URLs, account names no pattern recognises — imported through the real
// importer and written into an investigation's notes, findings, actions and evidence, no answer of
// any channel that returns alert, entity, investigation, search, timeline, export or case-package
// data to a role without access_pii contains any of the values, in the form written or canonical.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { luhn } from '../../../src-main/pii/pii-spans';
import { normalizeIp } from '../../../src-main/entities/normalize';

let vault: TestVault;
let admin: InProcessClient;
let cli: InProcessClient;
let masked: { name: string; client: InProcessClient }[];

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('system.updateSettings', { idleLockSeconds: 24 * 3600, sessionLifetimeHours: 12 });
  cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  masked = [
    { name: 'analyst', client: await addUser(vault, admin, 'ann', 'analyst') },
    { name: 'viewer', client: await addUser(vault, admin, 'vic', 'viewer') },
  ];
});
afterAll(() => vault.dispose());

// --- random PII, each with the forms it may be written in and the strings that must never come back ---

interface Pii {
  written: string;
  /** Strings whose presence in an answer would be a leak (written and canonical forms, bare digits). */
  secrets: string[];
}

const word = fc.stringMatching(/^[a-z]{4,8}$/);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const caseOf = (text: string, upper: boolean[]) => [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');

const email = fc.record({ first: word, last: word, domain: word, tld: fc.constantFrom('org', 'com', 'example'), upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }) })
  .map(({ first, last, domain, tld, upper }) => {
    const canonical = `${first}.${last}@${domain}.${tld}`;
    return { first, canonical, pii: { written: caseOf(canonical, upper), secrets: [canonical, `${first}.${last}`] } };
  });

const phone = fc.record({ area: fc.integer({ min: 201, max: 989 }), exchange: fc.integer({ min: 200, max: 999 }), line: digits(4), form: fc.integer({ min: 0, max: 6 }) })
  .map(({ area, exchange, line, form }): Pii => {
    const national = `${area}${exchange}${line}`;
    const written = [
      `+1 (${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `(${area}) ${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`,
      `+1${national}`, `001-${area}-${exchange}-${line}`, `${area}-${exchange}-${line}`,
    ][form] as string;
    return { written, secrets: [written, national, `${exchange}-${line}`, `${exchange}${line}`] };
  });

const card = fc.record({ body: digits(15), prefix: fc.constantFrom('4', '5'), form: fc.integer({ min: 0, max: 2 }) })
  .map(({ body, prefix, form }): Pii => {
    const partial = `${prefix}${body.slice(1)}`;
    const check = [...'0123456789'].find((d) => luhn(partial + d)) ?? '0';
    const number = partial + check;
    const groups = number.match(/.{4}/g) ?? [];
    const written = [groups.join(' '), groups.join('-'), number][form] as string;
    return { written, secrets: [written, number, number.slice(0, 12)] };
  });

const iban = fc.record({ bban: digits(18), spaced: fc.boolean() }).map(({ bban, spaced }): Pii => {
  const numeric = `${bban}1314` + '00'; // "DE" is 13 14, then check digits 00
  let remainder = 0;
  for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
  const compact = `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
  const written = spaced ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
  return { written, secrets: [written, compact, bban] };
});

const ipv4 = fc.tuple(fc.integer({ min: 11, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 10, max: 254 }))
  .map((octets): Pii => ({ written: octets.join('.'), secrets: [octets.join('.')] }));

const ipv6 = fc.record({ groups: fc.array(fc.integer({ min: 1, max: 0xffff }), { minLength: 8, maxLength: 8 }), v4: ipv4, form: fc.integer({ min: 0, max: 2 }) })
  .map(({ groups, v4, form }): Pii => {
    const hex = groups.map((g) => g.toString(16));
    const written = [hex.join(':'), `${hex.slice(0, 3).join(':')}::${hex.slice(6).join(':')}`, `::ffff:${v4.written}`][form] as string;
    return { written, secrets: [written, normalizeIp(written) ?? written, ...(form === 2 ? [v4.written] : [])] };
  });

const account = fc.record({ name: word, n: fc.integer({ min: 10, max: 99 }) }).map(({ name, n }): Pii => ({ written: `${name}_${n}`, secrets: [`${name}_${n}`] }));

const scenario = fc.record({ email, phone, card, iban, ipv4, ipv6, account, linkEmail: email, linkPhone: phone, token: word });

let run = 0;

async function importScenario(s: Scenario): Promise<{ investigationId: string; alertIds: string[]; secrets: string[]; searchWords: string[] }> {
  run += 1;
  const source = `prop-${run}`;
  const resetUrl = `https://corp.example/reset/${s.linkEmail.pii.written}/confirm`;
  const waUrl = `https://wa.me/1${s.linkPhone.secrets[1] ?? ''}`;
  const text = `Contact ${s.email.pii.written} or ${s.phone.written}; paid with ${s.card.written} into ${s.iban.written}; `
    + `seen from ${s.ipv6.written} and ${s.ipv4.written}; reset link ${resetUrl} and ${waUrl}; account ${s.account.written} ${s.token}`;
  const rows = [
    ['id', 'time', 'title', 'description', 'email', 'phone', 'ip', 'url', 'account', 'payment', 'notes'],
    [`${source}-1`, '2025-12-30T10:00:00Z', `Takeover of ${s.account.written} from ${s.ipv4.written} ${s.token}`, text,
      s.email.pii.written, s.phone.written, s.ipv6.written, resetUrl, s.account.written, s.card.written.replace(/\D/g, ''), `Customer Alice Example, ${text}`],
    [`${source}-2`, '2025-12-30T11:00:00Z', `Card testing by ${s.account.written} ${s.token}`, `Again ${s.card.written} and ${s.phone.written}`,
      s.linkEmail.pii.written, '', s.ipv4.written, waUrl, s.account.written, '', ''],
  ];
  const csv = join(vault.dir, `${source}.csv`);
  writeFileSync(csv, rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n'));
  const mapping = {
    kind: 'alerts', name: 'prop', timestamp: { format: 'iso', timeZone: 'UTC' }, columns: {
      externalId: 'id', occurredAt: 'time', title: 'title', description: 'description', email: 'email', phone: 'phone',
      ip: 'ip', url: 'url', account: 'account', payment: 'payment',
    },
  };
  const summary = await cli.invoke('alerts.importFile', { path: csv, source, mapping });
  expect(summary.rejected).toBe(0);
  const alertIds = (await admin.invoke('alerts.list', { source, limit: 10 })).rows.map((r) => r.id);
  expect(alertIds.length).toBeGreaterThan(0);
  const detail = await admin.invoke('alerts.promote', {
    selection: { ids: alertIds }, investigation: { title: `Ring around ${s.account.written} ${s.token}`, templateId: 'fraud_ring' },
  });
  await admin.invoke('notes.add', { investigationId: detail.id, body: `Called ${s.phone.written}, wrote to ${s.email.pii.written}; ${s.token}` });
  await admin.invoke('findings.add', { investigationId: detail.id, title: `Payout to ${s.iban.written}`, body: `Card **${s.card.written}** from ${s.ipv6.written} ${s.token}` });
  await admin.invoke('tasks.add', { investigationId: detail.id, title: `Ask about ${s.account.written}` });
  const bytes = Buffer.from(`statement for ${s.email.pii.written}`);
  const { uploadId } = await admin.invoke('uploads.begin', { fileName: `statement-${s.email.pii.written}.txt`, size: bytes.length });
  await admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  await admin.invoke('evidence.add', { investigationId: detail.id, uploadId, mediaType: 'text/plain', description: `From ${s.phone.written}` });
  const graph = await admin.invoke('investigations.entities', { investigationId: detail.id });
  const targets = graph.nodes.filter((n) => n.kind === 'account' || n.kind === 'email').slice(0, 2).map((n) => n.id);
  if (targets.length > 0) {
    await admin.invoke('actions.propose', { investigationId: detail.id, kind: 'warn_user', targetEntityIds: targets, reason: `Warn ${s.account.written} at ${s.email.pii.written}` });
  }
  const secrets = [s.email.pii, s.phone, s.card, s.iban, s.ipv4, s.ipv6, s.account, s.linkEmail.pii, s.linkPhone].flatMap((p) => p.secrets);
  return { investigationId: detail.id, alertIds, secrets, searchWords: [s.token, s.email.first, s.linkEmail.first, 'Takeover'] };
}

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Every read a masked role can make over this scenario's data, by channel name. */
async function everyAnswer(client: InProcessClient, ids: { investigationId: string; alertIds: string[]; searchWords: string[]; secrets: readonly string[] }): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  const ask = async (label: string, call: () => Promise<unknown>) => {
    try {
      answers[label] = await call();
    } catch (error) {
      answers[label] = { error: error instanceof Error ? { name: error.name, message: error.message, details: (error as { details?: unknown }).details } : String(error) };
    }
  };
  const investigationId = ids.investigationId;
  await ask('alerts.list', () => client.invoke('alerts.list', { limit: 200 }));
  await ask('alerts.count', () => client.invoke('alerts.count', {}));
  for (const alertId of ids.alertIds) {
    await ask(`alerts.get ${alertId}`, () => client.invoke('alerts.get', { alertId }));
    await ask(`alerts.similar ${alertId}`, () => client.invoke('alerts.similar', { alertId }));
  }
  await ask('investigations.list', () => client.invoke('investigations.list', {}));
  await ask('investigations.get', () => client.invoke('investigations.get', { investigationId }));
  const graph = await client.invoke('investigations.entities', { investigationId });
  answers['investigations.entities'] = graph;
  for (const node of graph.nodes) await ask(`entities.get ${node.id}`, () => client.invoke('entities.get', { entityId: node.id }));
  await ask('investigations.timeline', () => client.invoke('investigations.timeline', { investigationId }));
  await ask('notes.list', () => client.invoke('notes.list', { investigationId }));
  await ask('findings.list', () => client.invoke('findings.list', { investigationId }));
  await ask('tasks.list', () => client.invoke('tasks.list', { investigationId }));
  await ask('actions.list', () => client.invoke('actions.list', { investigationId }));
  const evidence = await client.invoke('evidence.list', { investigationId });
  answers['evidence.list'] = evidence;
  for (const item of evidence) await ask(`evidence.verify ${item.id}`, () => client.invoke('evidence.verify', { evidenceId: item.id }));
  for (const query of ids.searchWords) await ask(`search.query ${query}`, () => client.invoke('search.query', { query }));
  await ask('search.history', () => client.invoke('search.history', {}));
  // The palette's lookup, by key, by the words above and by every value written whole or in part:
  // a masked caller may find a PII entity by its whole value but is answered with its mask.
  const { key } = await client.invoke('investigations.get', { investigationId });
  for (const text of [key, ...ids.searchWords, ...ids.secrets, ...ids.secrets.map((secret) => secret.slice(0, Math.ceil(secret.length / 2)))]) {
    await ask(`lookup.find ${text}`, () => client.invoke('lookup.find', { text }));
  }
  await ask('exports.alerts', () => client.invoke('exports.alerts', { filter: {}, format: 'json' }));
  await ask('exports.investigation', () => client.invoke('exports.investigation', { investigationId, format: 'csv' }));
  await ask('casePackage.export', () => client.invoke('casePackage.export', { investigationId, passphrase: 'a long shared case passphrase' }));
  // The report's text as a reader sees it (the PDF is laid out from the same sections).
  await ask('reports.investigation', async () => {
    const file = await client.invoke('reports.investigation', { investigationId, format: 'html' });
    return { ...file, contentBase64: null, text: unescapeHtml(Buffer.from(file.contentBase64, 'base64').toString('utf8')) };
  });
  return answers;
}

function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function leaks(answers: Record<string, unknown>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [channel, answer] of Object.entries(answers)) {
    const text = JSON.stringify(answer).toLowerCase();
    for (const secret of secrets) if (secret.length >= 4 && text.includes(secret.toLowerCase())) found.push(`${channel}: ${secret}`);
  }
  return found;
}

describe('PII masking over every channel', () => {
  it('never answers a role without access_pii with a raw PII value, whatever form it was written in', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      const made = await importScenario(s);
      // The admin sees the values: the data really is there, so the check below can fail.
      const seen = leaks(await everyAnswer(admin, made), made.secrets);
      expect(seen.length).toBeGreaterThan(0);
      for (const { name, client } of masked) {
        expect({ role: name, leaks: leaks(await everyAnswer(client, made), made.secrets) }).toEqual({ role: name, leaks: [] });
      }
    }), { numRuns: 8, seed: 20261204, endOnFailure: true });
  }, 240_000);
});
