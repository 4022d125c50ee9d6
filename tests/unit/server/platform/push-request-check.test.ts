// The server checks a push's body by hand (src-server/http/push-request.ts) in place of the protocol's
// zod schema: what it takes as it is must be what the schema would give, and whatever the schema
// refuses or trims must still go through the schema.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { pushRequest } from '../../../../src-shared/sync-protocol';
import { parsePushRequest } from '../../../../src-server/http/push-request';

const HLC = '001764979200000-00000a';
const change = (extra: Record<string, unknown> = {}, fields: Record<string, unknown> = { title: { value: 'Impossible travel', hlc: HLC, base: null } }) =>
  ({ table: 'alerts', id: 'alert-1', seq: 3, fields, ...extra });
const push = (extra: Record<string, unknown> = {}, changes: unknown[] = [change()]) =>
  ({ protocol: 1, schema: 1, batch: { after: 2, upto: 3 }, changes, auditHead: null, ...extra });

const accepted = [
  push(),
  push({ batch: { after: 2, upto: 3, part: { offset: 500, last: false } } }),
  push({ auditHead: { seq: 12, hash: 'a'.repeat(64) } }),
  push({}, [change({ deleted: { hlc: HLC } }, {})]),
  push({}, [change({}, { raw: { value: { nested: [1, 'two', null, true, { deep: false }] }, hlc: HLC, base: HLC }, occurrences: { value: 2, hlc: HLC, base: null } })]),
  push({}, []),
];
const refused = [
  push({ protocol: 0 }),
  push({ schema: 1.5 }),
  push({ batch: { after: 3, upto: 2 } }),
  push({ batch: { after: 2, upto: 3, part: { offset: -1, last: true } } }),
  push({ auditHead: undefined }),
  push({ auditHead: { seq: 1, hash: 'not hex' } }),
  push({}, [change({ table: 'users' })]),
  push({}, [change({ id: 'not an id!' })]),
  push({}, [change({ seq: -1 })]),
  push({}, [change({ deleted: null })]),
  push({}, [change({ deleted: { hlc: 'yesterday' } })]),
  push({}, [change({}, { title: { value: 'x', hlc: 'yesterday', base: null } })]),
  push({}, [change({}, { title: { value: 'x', hlc: HLC } })]),
  push({}, [change({}, { title: { hlc: HLC, base: null } })]),
  push({}, [change({}, { title: { value: Number.NaN, hlc: HLC, base: null } })]),
  push({}, [change({}, { '': { value: 1, hlc: HLC, base: null } })]),
  push({}, [change({}, { ['f'.repeat(65)]: { value: 1, hlc: HLC, base: null } })]),
  push({}, Array.from({ length: 501 }, () => change())),
  push({ changes: 'none' }),
  'a string',
  null,
];
/** Extra keys anywhere: the schema drops them, and so must the server. */
const trimmed = [
  push({ note: 'from a newer client' }),
  push({ batch: { after: 2, upto: 3, why: 'x' } }),
  push({}, [change({ scope: 'inv-1' })]),
  push({}, [change({}, { title: { value: 'x', hlc: HLC, base: null, device: 'forged' } })]),
  push({}, [change({ deleted: { hlc: HLC, device: 'forged' } })]),
  push({ auditHead: { seq: 1, hash: 'b'.repeat(64), extra: true } }),
];

describe('checking a push body by hand', () => {
  it('takes a body the schema takes unchanged as it is', () => {
    for (const body of accepted) {
      expect(pushRequest.parse(body)).toEqual(body);
      expect(parsePushRequest(body)).toBe(body);
    }
  });

  it('refuses with the schema\'s own error whatever the schema refuses', () => {
    for (const body of refused) {
      expect(pushRequest.safeParse(body).success).toBe(false);
      expect(() => parsePushRequest(body)).toThrow(ZodError);
    }
  });

  it('gives what the schema gives for a body with keys the protocol does not name', () => {
    for (const body of trimmed) {
      const parsed = parsePushRequest(body);
      expect(parsed).not.toBe(body);
      expect(parsed).toEqual(pushRequest.parse(body));
      expect(JSON.stringify(parsed)).not.toMatch(/forged|newer client|"why"|"scope"|"extra"/);
    }
  });
});
