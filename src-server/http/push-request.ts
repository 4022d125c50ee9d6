// A push's body, checked by hand on the server's event loop (src-shared/sync-shape-checks.ts): the
// protocol's zod schema took 25–64 ms for a push of 500 alerts, and on PostgreSQL every other push's
// transaction waits on the event loop between its statements, holding the organisation's lock
// meanwhile. A body with anything the check does not expect (an extra key, a bad value) goes to the
// schema, which strips what it strips and names what it refuses, exactly as before.
import { pushRequest, SYNC_LIMITS, type PushRequest } from '../../src-shared/sync-protocol';
import { hasOnlyKeys, isCount, isHlc, isJson, isObject, isRecordId, isSyncTable } from '../../src-shared/sync-shape-checks';

const REQUEST_KEYS = new Set(['protocol', 'schema', 'batch', 'changes', 'auditHead']);
const BATCH_KEYS = new Set(['after', 'upto', 'part']);
const PART_KEYS = new Set(['offset', 'last']);
const CHANGE_KEYS = new Set(['table', 'id', 'seq', 'fields', 'deleted']);
const FIELD_KEYS = new Set(['value', 'hlc', 'base']);
const DELETED_KEYS = new Set(['hlc']);
const AUDIT_HEAD_KEYS = new Set(['seq', 'hash']);
const AUDIT_HASH = /^[0-9a-f]{64}$/;

const isVersion = (value: unknown): boolean => isCount(value) && value >= 1;

function isPart(value: unknown): boolean {
  return isObject(value) && hasOnlyKeys(value, PART_KEYS) && isCount(value.offset) && typeof value.last === 'boolean';
}

function isBatch(value: unknown): boolean {
  if (!isObject(value) || !hasOnlyKeys(value, BATCH_KEYS) || !isCount(value.after) || !isCount(value.upto) || value.upto < value.after) return false;
  return value.part === undefined ? !('part' in value) : isPart(value.part);
}

function isField(value: unknown): boolean {
  return isObject(value) && hasOnlyKeys(value, FIELD_KEYS) && 'value' in value && isJson(value.value) && isHlc(value.hlc) && (value.base === null || isHlc(value.base));
}

function isChange(value: unknown): boolean {
  if (!isObject(value) || !hasOnlyKeys(value, CHANGE_KEYS)) return false;
  if (!isSyncTable(value.table) || !isRecordId(value.id) || !isCount(value.seq) || !isObject(value.fields)) return false;
  for (const name in value.fields) {
    if (name.length < 1 || name.length > 64 || !isField(value.fields[name])) return false;
  }
  if (!('deleted' in value)) return true;
  return isObject(value.deleted) && hasOnlyKeys(value.deleted, DELETED_KEYS) && isHlc(value.deleted.hlc);
}

function isAuditHead(value: unknown): boolean {
  return value === null || (isObject(value) && hasOnlyKeys(value, AUDIT_HEAD_KEYS) && isCount(value.seq) && typeof value.hash === 'string' && AUDIT_HASH.test(value.hash));
}

/** The push request in `body`; throws the schema's ZodError for a body that does not parse. */
export function parsePushRequest(body: unknown): PushRequest {
  if (
    isObject(body) && hasOnlyKeys(body, REQUEST_KEYS) && isVersion(body.protocol) && isVersion(body.schema) && isBatch(body.batch)
    && Array.isArray(body.changes) && body.changes.length <= SYNC_LIMITS.changesPerPush && body.changes.every(isChange) && isAuditHead(body.auditHead)
  ) {
    return body as unknown as PushRequest;
  }
  return pushRequest.parse(body);
}
