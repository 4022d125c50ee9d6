// A demo vault reads like a team's history: alerts reached Vigil minutes after they occurred, most
// got a verdict some time after that (never before their arrival, never after the demo's end), the
// newest still wait, and a rerun with the same seed changes none of it.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault | undefined;
afterEach(() => {
  vault?.dispose();
  vault = undefined;
});

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 15, 12, 30);
const END = Date.UTC(2026, 5, 15, 12);

interface Row { status: string; occurred_at: number; created_at: number; triaged_at: number | null; dismiss_reason: string | null; occurrences: number }

describe('the demo\'s history', () => {
  it('delivers alerts after they occur, gives most a later verdict before the end, and repeats itself on a rerun', async () => {
    vault = makeTestVault();
    vault.clock.set(NOW);
    const { admin } = await setUpVault(vault);
    await admin.invoke('demo.generate', { alerts: 2000, seed: 5, days: 14 });
    const { db } = vault.core.services.custody.vault;
    const read = () => db.prepare<[], Row>('SELECT status, occurred_at, created_at, triaged_at, dismiss_reason, occurrences FROM alerts ORDER BY id').all();
    const rows = read();

    // Received 1 to 20 minutes after occurring (a folded duplicate may have occurred earlier than the
    // sighting that brought it), never after the demo's end (the hour the demo ran in).
    for (const r of rows) {
      expect(r.created_at - r.occurred_at).toBeGreaterThanOrEqual(60_000);
      if (r.occurrences === 1) expect(r.created_at - r.occurred_at <= 20 * 60_000 || r.created_at === END).toBe(true);
      if (r.triaged_at !== null) {
        expect(r.triaged_at).toBeGreaterThanOrEqual(r.created_at);
        expect(r.triaged_at).toBeLessThanOrEqual(END);
      }
    }
    const older = rows.filter((r) => r.created_at < END - 48 * HOUR);
    const decided = older.filter((r) => r.status !== 'new');
    // Most of what is two days old has a verdict; some is left in the queue.
    expect(decided.length / older.length).toBeGreaterThan(0.7);
    expect(decided.length).toBeLessThan(older.length);
    expect(new Set(decided.map((r) => r.status))).toEqual(new Set(['acknowledged', 'dismissed', 'promoted']));
    expect(decided.some((r) => r.dismiss_reason === 'false_positive')).toBe(true);
    // Time to triage is spread, not 0: its median is between a few minutes and a few hours.
    const times = decided.map((r) => (r.triaged_at ?? 0) - r.created_at).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(5 * 60_000);
    expect(median).toBeLessThan(6 * HOUR);

    await admin.invoke('demo.generate', { alerts: 2000, seed: 5, days: 14 });
    expect(read()).toEqual(rows);
  });
});
