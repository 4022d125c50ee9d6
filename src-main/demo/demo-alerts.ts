// Realistic synthetic alerts for demos and benchmarks: several sources and rules, a weekly and
// daily rhythm, fraud rings (accounts sharing devices, IPs and payment instruments), spam waves
// (bursts of one rule pointing at one lookalike domain), and free text that names entities.
import type { Severity } from '../../src-shared/model';
import type { NewAlert, AlertEntityInput } from '../alerts/alert-writer';
import { seededRandom, type Random } from './random';

interface RuleSpec {
  source: string;
  rule: string;
  severity: readonly Severity[];
  title: (e: DemoActors) => string;
}

interface DemoActors {
  account: string;
  email: string;
  ip: string;
  device: string;
  domain: string;
  payment: string;
}

const RULES: readonly RuleSpec[] = [
  { source: 'auth-anomaly', rule: 'impossible-travel', severity: ['medium', 'high'], title: (a) => `Impossible travel for ${a.account} from ${a.ip}` },
  { source: 'auth-anomaly', rule: 'credential-stuffing', severity: ['high', 'critical'], title: (a) => `Credential stuffing against ${a.email} from ${a.ip}` },
  { source: 'fraud-engine', rule: 'card-testing', severity: ['high'], title: (a) => `Card testing with ${a.payment} on device ${a.device}` },
  { source: 'fraud-engine', rule: 'shared-device-ring', severity: ['medium', 'high'], title: (a) => `Accounts sharing device ${a.device}` },
  { source: 'user-reports', rule: 'harassment-report', severity: ['low', 'medium'], title: (a) => `User report: harassment by ${a.account}` },
  { source: 'user-reports', rule: 'spam-report', severity: ['low'], title: (a) => `Spam linking https://${a.domain}/promo reported` },
  { source: 'content-classifier', rule: 'phishing-url', severity: ['high', 'critical'], title: (a) => `Phishing page https://${a.domain}/login shared by ${a.account}` },
  { source: 'content-classifier', rule: 'csam-hash-match', severity: ['critical'], title: (a) => `Hash match on upload by ${a.account}` },
];

/** The sources demo alerts come from (a demo's own history touches only these). */
export const DEMO_SOURCES: readonly string[] = [...new Set(RULES.map((r) => r.source))];

/** Weekday weights (Sunday first) and an hour-of-day curve peaking in the working day. */
const WEEKDAY = [0.55, 1.1, 1.15, 1.1, 1.05, 1.0, 0.6];
const HOUR = Array.from({ length: 24 }, (_, h) => 0.35 + Math.exp(-((h - 14) ** 2) / 18));

export interface DemoOptions {
  count: number;
  seed?: number;
  /** The period alerts fall in. */
  from: number;
  to: number;
}

export function* generateDemoAlerts(options: DemoOptions): Generator<NewAlert> {
  const random = seededRandom(options.seed ?? 7);
  // Times come from their own stream: sampling a time consumes a number of draws that depends on
  // the calendar (rejection against weekday and hour weights), so with one stream a later period
  // would change every alert's source, rule and actors, and a rerun of the same seed would bring
  // new alerts instead of recognising the ones it made (source + external id).
  const clock = seededRandom(((options.seed ?? 7) * 2654435761) ^ 0x5bd1e995);
  const population = buildPopulation(random, Math.max(200, Math.ceil(options.count / 20)));
  const span = options.to - options.from;
  let wave: { rule: RuleSpec; domain: string; until: number; at: number } | null = null;
  for (let i = 0; i < options.count; i += 1) {
    let occurredAt = seasonalTime(clock, options.from, span);
    let rule = random.pick(RULES);
    let actors = pickActors(random, population);
    // About 2% of alerts start a spam wave: 50–300 alerts within two hours, one rule, one domain.
    if (!wave && random.chance(0.0005)) {
      wave = { rule: RULES[5] ?? rule, domain: `promo-${random.int(9000) + 1000}.example`, at: occurredAt, until: i + 50 + random.int(250) };
    }
    if (wave) {
      rule = wave.rule;
      actors = { ...actors, domain: wave.domain };
      occurredAt = wave.at + clock.int(2 * 3_600_000);
      if (i >= wave.until) wave = null;
    }
    yield toAlert(random, rule, actors, occurredAt, i);
  }
}

function toAlert(random: Random, rule: RuleSpec, actors: DemoActors, occurredAt: number, index: number): NewAlert {
  const account: AlertEntityInput = { kind: 'account', value: actors.account, origin: 'mapped' };
  const entities: AlertEntityInput[] = [
    account,
    { kind: 'email', value: actors.email, origin: 'mapped' },
    { kind: 'ip', value: actors.ip, origin: 'mapped' },
    { kind: 'device', value: actors.device, origin: 'mapped' },
  ];
  if (rule.source === 'fraud-engine') entities.push({ kind: 'payment', value: actors.payment, origin: 'mapped' });
  if (rule.rule === 'spam-report' || rule.rule === 'phishing-url') entities.push({ kind: 'domain', value: actors.domain, origin: 'extracted' });
  const title = rule.title(actors);
  return {
    source: rule.source, externalId: `demo-${index}`, rule: rule.rule, title,
    description: `${title}. Signal score ${(random.next() * 100).toFixed(1)}; observed via ${rule.source}.`,
    severity: random.pick(rule.severity), occurredAt, entities, primaryEntity: account, importId: null, raw: null,
  };
}

interface Population {
  accounts: string[];
  rings: DemoActors[][];
}

function buildPopulation(random: Random, size: number): Population {
  const accounts = Array.from({ length: size }, (_, i) => `u-${(100000 + i * 7919) % 1000000}`);
  // Fraud rings: 3–12 accounts sharing a device, an IP block and a payment instrument.
  const rings = Array.from({ length: Math.max(5, Math.floor(size / 80)) }, (_, r) => {
    const device = `dev-${r.toString(16).padStart(6, '0')}`;
    const payment = `card-${4000 + r}-xxxx-${(1000 + random.int(9000)).toString()}`;
    const members = 3 + random.int(10);
    return Array.from({ length: members }, () => {
      const account = random.pick(accounts);
      return { account, email: `${account}@mail.example`, ip: `203.0.113.${random.int(254) + 1}`, device, domain: 'ring.example', payment };
    });
  });
  return { accounts, rings };
}

function pickActors(random: Random, population: Population): DemoActors {
  if (random.chance(0.15)) return random.pick(random.pick(population.rings));
  const account = random.pick(population.accounts);
  return {
    account,
    email: `${account}@${random.pick(['mail.example', 'post.example', 'inbox.example'])}`,
    ip: random.chance(0.5) ? `10.20.${random.int(256)}.${random.int(254) + 1}` : `${random.pick(['198.51.100', '192.0.2'])}.${random.int(254) + 1}`,
    device: `dev-${random.int(0xffffff).toString(16).padStart(6, '0')}`,
    domain: `${random.pick(['secure-login', 'account-verify', 'prize', 'support'])}-${random.int(500)}.example`,
    payment: `card-${random.int(9000) + 1000}-xxxx-${random.int(9000) + 1000}`,
  };
}

/** A time in the period, weighted by weekday and hour (rejection sampling against the weights). */
function seasonalTime(random: Random, from: number, span: number): number {
  for (;;) {
    const t = from + Math.floor(random.next() * span);
    const date = new Date(t);
    const weight = (WEEKDAY[date.getUTCDay()] ?? 1) * (HOUR[date.getUTCHours()] ?? 1);
    if (random.next() * 1.6 < weight) return t;
  }
}
