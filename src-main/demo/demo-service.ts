// Fills the open vault with demo alerts in committed chunks, yielding to the event loop between
// chunks so the app stays responsive, and reporting progress. Demo data is not all-or-nothing:
// an interrupted run leaves whole chunks, and a rerun with the same seed skips what exists.
import { performance } from 'node:perf_hooks';
import type { DemoSummary } from '../../src-shared/model';
import { AlertWriter, type NewAlert } from '../alerts/alert-writer';
import type { Repositories } from '../repositories';
import { DEMO_SOURCES, generateDemoAlerts } from './demo-alerts';
import { demoReceivedAt, triageDemoAlerts } from './demo-history';
import { defaultDemoInvestigations, generateDemoInvestigations } from './demo-investigations';

const CHUNK = 2_000;
const HOUR = 3_600_000;

export async function generateDemoData(
  repos: Repositories,
  options: { alerts: number; seed: number; days: number; now: number; investigations?: number | undefined; userId: string },
  onProgress: (done: number, total: number) => void,
): Promise<DemoSummary> {
  const started = performance.now();
  const writer = new AlertWriter(repos.db, repos.row);
  // The period ends at the start of the current hour, so reruns within an hour make the same data.
  const to = Math.floor(options.now / HOUR) * HOUR;
  const alerts = received(generateDemoAlerts({ count: options.alerts, seed: options.seed, from: to - options.days * 86_400_000, to }), to);
  const summary = { inserted: 0, deduplicated: 0 };
  let done = 0;
  const writeChunk = repos.db.transaction((chunk: Iterator<NewAlert>, size: number) => {
    const batch: NewAlert[] = [];
    while (batch.length < size) {
      const next = chunk.next();
      if (next.done) break;
      batch.push(next.value);
    }
    for (const outcome of writer.writeBatch(batch)) {
      if (outcome === 'inserted') summary.inserted += 1;
      else if (outcome === 'deduplicated') summary.deduplicated += 1;
    }
    done += batch.length;
    writer.flush();
  });
  while (done < options.alerts) {
    const before = done;
    writeChunk(alerts, Math.min(CHUNK, options.alerts - done));
    onProgress(done, options.alerts);
    if (done === before) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Investigations over the alerts just written, at every status (≈ one per 2,000 alerts, 5–200, unless given).
  await generateDemoInvestigations(repos, {
    count: options.investigations ?? defaultDemoInvestigations(options.alerts), seed: options.seed, now: to, days: options.days, userId: options.userId,
  });
  // Then the verdicts a team would have given them by now.
  await triageDemoAlerts(repos, { seed: options.seed, end: to, sources: DEMO_SOURCES });
  const entities = (repos.db.prepare('SELECT count(*) AS n FROM entities').get() as { n: number }).n;
  return { ...summary, entities, ms: Math.round(performance.now() - started) };
}

/** Each alert as the feed delivered it: with the time it reached Vigil. */
function* received(alerts: Iterable<NewAlert>, end: number): Generator<NewAlert> {
  for (const alert of alerts) yield { ...alert, receivedAt: demoReceivedAt(alert.externalId, alert.occurredAt, end) };
}
