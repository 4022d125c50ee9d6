import { describe, expect, it } from 'vitest';
import { canReadScope, writeRefusal, type IntendedWrite, type ScopeAccess } from '../../../../src-server/sync/access';

const access: ScopeAccess = { restricted: new Set(['case-secret', 'case-mine']), listed: new Set(['case-mine']) };
const write = (overrides: Partial<IntendedWrite>): IntendedWrite => ({
  table: 'tasks', isNew: false, fieldNames: ['title'], deletes: false, scopeBefore: 'case-open', scopeAfter: 'case-open', ...overrides,
});

describe('what a member may read and write', () => {
  it('reads the organisation\'s shared records, open cases and restricted cases listing them; admins read all', () => {
    expect(canReadScope('viewer', null, access)).toBe(true);
    expect(canReadScope('viewer', 'case-open', access)).toBe(true);
    expect(canReadScope('analyst', 'case-mine', access)).toBe(true);
    expect(canReadScope('investigator', 'case-secret', access)).toBe(false);
    expect(canReadScope('admin', 'case-secret', access)).toBe(true);
  });

  it('needs modify_investigations to change a record and create_investigations to create a case', () => {
    expect(writeRefusal('viewer', write({}), access)).toMatch(/modify_investigations/);
    expect(writeRefusal('viewer', write({ table: 'investigations', isNew: true, scopeAfter: 'case-new' }), access)).toMatch(/create_investigations/);
    expect(writeRefusal('analyst', write({ table: 'investigations', isNew: true, scopeAfter: 'case-new' }), access)).toBeNull();
    expect(writeRefusal('analyst', write({}), access)).toBeNull();
  });

  it('refuses a write into, or out of, a restricted case the member is not listed in', () => {
    expect(writeRefusal('analyst', write({ scopeBefore: 'case-secret', scopeAfter: 'case-secret' }), access)).toMatch(/restricted/);
    expect(writeRefusal('analyst', write({ scopeBefore: null, scopeAfter: 'case-secret' }), access)).toMatch(/restricted/);
    expect(writeRefusal('analyst', write({ scopeBefore: 'case-secret', scopeAfter: null }), access)).toMatch(/restricted/);
    expect(writeRefusal('analyst', write({ scopeBefore: 'case-mine', scopeAfter: 'case-mine' }), access)).toBeNull();
    expect(writeRefusal('admin', write({ scopeBefore: 'case-secret', scopeAfter: 'case-secret' }), access)).toBeNull();
  });

  it('lets only admins write a case\'s restriction', () => {
    const restriction = write({ table: 'investigation_access', fieldNames: ['restricted', 'members'] });
    expect(writeRefusal('investigator', restriction, access)).toMatch(/admins/);
    expect(writeRefusal('admin', restriction, access)).toBeNull();
  });

  it('lets members write only the resolution of a conflict that exists, and never delete one', () => {
    const conflict = write({ table: 'sync_conflicts', fieldNames: ['resolved_at', 'resolved_by', 'resolution'] });
    expect(writeRefusal('analyst', conflict, access)).toBeNull();
    expect(writeRefusal('analyst', { ...conflict, fieldNames: ['resolution', 'sides'] }, access)).toMatch(/resolution/);
    expect(writeRefusal('admin', { ...conflict, isNew: true }, access)).toMatch(/raised by the server/);
    expect(writeRefusal('admin', { ...conflict, deletes: true }, access)).toMatch(/never deleted/);
  });
});
