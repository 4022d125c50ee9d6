import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { DIALECTS, openFreshServerDb } from '../support/server-dbs';
import { addMemberDevice, createOrg, edit, hlcAt, NOW, recordsOf, TestDevice } from './support/fixtures';

const DEVICES = 4;
const PUSHES_EACH = 6;
const CHANGES_EACH = 5;

// Pushes of one organisation from several connections at once (PostgreSQL's pool; SQLite serialises
// them anyway): the sequence must come out without gaps or repeats, and a device pulling meanwhile
// must never move its cursor past a change that commits later.
describe.each(DIALECTS)('concurrent pushes of one organisation on %s', (dialect) => {
  let opened: ServerDatabase;

  beforeEach(async () => {
    opened = await openFreshServerDb(dialect);
    await createOrg(opened.db, 'org-a');
  });
  afterEach(async () => {
    await (opened as ServerDatabase | undefined)?.close();
  });

  it('hands out distinct, gap-free sequences, and a pull running meanwhile never skips a change', async () => {
    const pushers = await Promise.all(Array.from({ length: DEVICES }, async (_, index) => (
      new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', `member-${index}`, 'analyst', `dev-${index}`))
    )));
    const reader = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'reader', 'viewer', 'dev-reader'));
    const seenByReader = new Set<string>();
    let pushing = true;

    const pushAll = Promise.all(pushers.map(async (device, deviceIndex) => {
      for (let push = 0; push < PUSHES_EACH; push += 1) {
        // Every change is a new record: a skipped one would never come again.
        await device.push(Array.from({ length: CHANGES_EACH }, (_, change) => (
          edit('tasks', `task-${deviceIndex}-${push}-${change}`, { title: 'x', investigation_id: null }, hlcAt(NOW + push))
        )));
      }
    })).finally(() => {
      pushing = false;
    });
    const readWhilePushing = (async () => {
      while (pushing) {
        for (const record of recordsOf(await reader.pullAll(7))) seenByReader.add(record.id);
      }
    })();
    await Promise.all([pushAll, readWhilePushing]);
    for (const record of recordsOf(await reader.pullAll())) seenByReader.add(record.id);

    const total = DEVICES * PUSHES_EACH * CHANGES_EACH;
    const seqs = (await opened.db.selectFrom('records').select('seq').where('org_id', '=', 'org-a').orderBy('seq').execute()).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    expect((await opened.db.selectFrom('orgs').select('seq').where('id', '=', 'org-a').executeTakeFirstOrThrow()).seq).toBe(total);
    expect(seenByReader.size).toBe(total);
    expect(pushers.map((device) => device.pushedSeq)).toEqual(Array.from({ length: DEVICES }, () => PUSHES_EACH * CHANGES_EACH));
  });
});
