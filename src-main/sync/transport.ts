// The sync client's HTTP transport (docs/SYNC.md, "Client runtime"): one typed call per endpoint over
// global `fetch`, every response parsed with the protocol's zod schemas. An error reply becomes a
// `SyncTransportError` carrying the server's code; a request that never got an answer (DNS, refused,
// reset, timeout) becomes a `SyncOfflineError`, so the runner can tell "retry later" from "stop".
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from '../../src-shared/permissions';
import {
  BLOB_SIZE_HEADER, CHUNK_SHA256_HEADER, PROTOCOL_HEADER, SCHEMA_HEADER, blobStatus, type BlobStatus,
  AUDIT_MISMATCH_REASONS, CURRENT_SYNC_VERSIONS, auditRowsResponse, enrolResponse, helloResponse, pullResponse, pushResponse, syncErrorBody, tokenResponse,
  type AuditRowsResponse, type BackfillMark, type PushedAuditRow, type EnrolResponse, type HelloResponse, type PushRequest, type PushResponse, type SyncErrorCode, type SyncVersions,
} from '../../src-shared/sync-protocol';
import type { SyncDeviceView } from '../../src-shared/sync-contract';

export class SyncTransportError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown>,
    /** From `Retry-After` (seconds on the wire), when the server sent one. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

/** No answer from the server at all: the network, DNS, or the server down. */
export class SyncOfflineError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'SyncOfflineError';
  }
}

/** What the runner needs of a server; `SyncTransport` is the real one, tests wrap it to lose replies. */
export interface SyncApi {
  hello(): Promise<HelloResponse>;
  push(request: Omit<PushRequest, 'protocol' | 'schema'>): Promise<PushResponse>;
  /** `backfillAck`: the `backfill` mark of the last page committed (null for none), so a lost backfill page comes again. */
  pull(after: number, limit: number, backfillAck?: BackfillMark | null): Promise<PulledPage>;
}

/**
 * A pull page as the transport hands it on: the envelope checked, the items left to applyPull, which
 * parses them where it applies them (in the app, the sync worker). Checked here, on the main thread,
 * a page of a thousand alerts took 100–370 ms.
 */
const pulledPage = pullResponse.extend({ items: z.array(z.unknown()) });
export type PulledPage = z.infer<typeof pulledPage>;

/** The audit-rows upload (docs/SYNC.md, "Audit rows"), apart from SyncApi like the blob calls: a stand-in for the records' calls need not play it. */
export interface AuditApi {
  uploadAuditRows(rows: readonly PushedAuditRow[]): Promise<AuditRowsResponse>;
}

/** The evidence-blob calls (docs/SYNC.md, "Evidence blobs"), apart from SyncApi so a stand-in for the records' calls need not play them. */
export interface BlobApi {
  blobStatus(sha256: string): Promise<BlobStatus>;
  /** Sends chunk `index` of the blob of `size` bytes, with the chunk's own SHA-256. */
  putBlobChunk(sha256: string, index: number, size: number, bytes: Buffer): Promise<void>;
  completeBlob(sha256: string): Promise<BlobStatus>;
  getBlobChunk(sha256: string, index: number): Promise<Buffer>;
}

export interface DeviceCredential {
  deviceId: string;
  credential: string;
}

export interface SyncTransportOptions {
  serverUrl: string;
  now: () => number;
  fetch?: typeof fetch;
  versions?: SyncVersions;
  /** Sent in hello, for the server's logs. */
  app?: string;
  /** A request unanswered this long counts as offline (a pull page of 5,000 records fits well within it). */
  timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** An access token is refreshed this long before it expires, so a request never carries one that lapses in flight. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** The server's base URL, refused unless it is HTTPS or on this machine (a credential never crosses a network in clear). */
export function checkedServerUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new SyncTransportError('INVALID_REQUEST', 'The server address is not a URL', 0, { serverUrl }, null);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new SyncTransportError('INVALID_REQUEST', 'The sync server must be reached over HTTPS (plain HTTP only on this machine)', 0, { serverUrl }, null);
}

export class SyncTransport implements SyncApi, BlobApi {
  private readonly base: URL;
  private readonly fetch: typeof fetch;
  private readonly versions: SyncVersions;
  private device: DeviceCredential | null = null;
  private token: { accessToken: string; expiresAt: number } | null = null;

  constructor(private readonly options: SyncTransportOptions) {
    this.base = checkedServerUrl(options.serverUrl);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.versions = options.versions ?? CURRENT_SYNC_VERSIONS;
  }

  /** The device the calls act as (after enrolment, or read from the vault's sync_state). */
  useDevice(device: DeviceCredential): void {
    this.device = device;
    this.token = null;
  }

  async enrol(token: string, deviceId: string, deviceName: string): Promise<EnrolResponse> {
    return this.call('/v1/enrol', { token, deviceId, deviceName }, enrolResponse, null);
  }

  async hello(): Promise<HelloResponse> {
    return this.authorised('/v1/hello', { ...this.versions, app: this.options.app ?? 'vigil' }, helloResponse);
  }

  async push(request: Omit<PushRequest, 'protocol' | 'schema'>): Promise<PushResponse> {
    return this.authorised('/v1/push', { ...this.versions, ...request }, pushResponse);
  }

  async pull(after: number, limit: number, backfillAck?: BackfillMark | null): Promise<PulledPage> {
    return this.authorised('/v1/pull', { ...this.versions, after, limit, ...(backfillAck !== undefined ? { backfillAck } : {}) }, pulledPage);
  }

  async uploadAuditRows(rows: readonly PushedAuditRow[]): Promise<AuditRowsResponse> {
    return this.authorised('/v1/audit-rows', { ...this.versions, rows }, auditRowsResponse);
  }

  async blobStatus(sha256: string): Promise<BlobStatus> {
    return parsedReply(await this.authorisedRaw('GET', `/v1/blobs/${sha256}`, null, {}), blobStatus, 'a blob status');
  }

  async putBlobChunk(sha256: string, index: number, size: number, bytes: Buffer): Promise<void> {
    await this.authorisedRaw('PUT', `/v1/blobs/${sha256}/chunks/${index}`, bytes, {
      'content-type': 'application/octet-stream',
      [BLOB_SIZE_HEADER]: String(size),
      [CHUNK_SHA256_HEADER]: createHash('sha256').update(bytes).digest('hex'),
    });
  }

  async completeBlob(sha256: string): Promise<BlobStatus> {
    return parsedReply(await this.authorisedRaw('POST', `/v1/blobs/${sha256}/complete`, null, {}), blobStatus, 'a blob completion');
  }

  async getBlobChunk(sha256: string, index: number): Promise<Buffer> {
    const response = await this.authorisedRaw('GET', `/v1/blobs/${sha256}/chunks/${index}`, null, {});
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw new SyncOfflineError('The sync server\'s chunk was cut off', error);
    }
  }

  /** A blob call with the access token (once more with a fresh one, like `authorised`); an error reply is thrown, an ok one returned unread. */
  private async authorisedRaw(method: string, path: string, body: Buffer | null, headers: Record<string, string>): Promise<Response> {
    const send = async (): Promise<Response> => {
      const bearer = await this.accessToken();
      let response: Response;
      try {
        response = await this.fetch(new URL(path, this.base), {
          method,
          headers: { ...headers, [PROTOCOL_HEADER]: String(this.versions.protocol), [SCHEMA_HEADER]: String(this.versions.schema), authorization: `Bearer ${bearer}` },
          ...(body === null ? {} : { body: new Uint8Array(body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new SyncOfflineError(`The sync server did not answer (${error instanceof Error ? error.message : String(error)})`, error);
      }
      if (!response.ok) throw await errorOfReply(response, path);
      return response;
    };
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof SyncTransportError) || error.code !== 'UNAUTHENTICATED' || this.token === null) throw error;
      this.token = null;
      return send();
    }
  }

  /** The organisation's devices (admin API: the device's member must hold admin_access at the server). */
  async listDevices(): Promise<SyncDeviceView[]> {
    return (await this.authorised('/v1/admin/devices', undefined, adminDevicesResponse, 'GET')).devices;
  }

  /** Revokes a device of the organisation (admin API); revoking a revoked one answers its first revocation. */
  async revokeDevice(deviceId: string): Promise<{ deviceId: string; revokedAt: number }> {
    return this.authorised(`/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`, {}, revokedDeviceResponse);
  }

  /** The organisation's members (admin API). */
  async listMembers(): Promise<AdminMember[]> {
    return (await this.authorised('/v1/admin/members', undefined, adminMembersResponse, 'GET')).members;
  }

  /** Adds a member (admin API: an admin grants roles at or below their own). */
  async addMember(member: { name: string; role: Role }): Promise<AdminMember> {
    return this.authorised('/v1/admin/members', member, adminMember);
  }

  /** Disables a member, whose devices are refused at their next request, or enables them again (admin API). */
  async setMemberDisabled(memberId: string, disabled: boolean): Promise<AdminMember> {
    return this.authorised(`/v1/admin/members/${encodeURIComponent(memberId)}/state`, { disabled }, adminMember);
  }

  /** A one-time token that enrols one device of the member (admin API). */
  async createEnrolToken(memberId: string): Promise<AdminEnrolToken> {
    return this.authorised('/v1/admin/enrol-tokens', { memberId }, adminEnrolToken);
  }

  /** A cached access token, or a new one from the device credential when it is about to lapse. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - TOKEN_REFRESH_MARGIN_MS > this.options.now()) return this.token.accessToken;
    if (!this.device) throw new SyncTransportError('UNAUTHENTICATED', 'This vault is not enrolled with a sync server', 0, {}, null);
    this.token = await this.call('/v1/token', { deviceId: this.device.deviceId, credential: this.device.credential }, tokenResponse, null);
    return this.token.accessToken;
  }

  /** A call with the access token; once more with a fresh token if the server no longer takes the cached one. */
  private async authorised<T>(path: string, body: unknown, schema: z.ZodType<T>, method: 'GET' | 'POST' = 'POST'): Promise<T> {
    try {
      return await this.call(path, body, schema, await this.accessToken(), method);
    } catch (error) {
      if (!(error instanceof SyncTransportError) || error.code !== 'UNAUTHENTICATED' || this.token === null) throw error;
      this.token = null;
      return this.call(path, body, schema, await this.accessToken(), method);
    }
  }

  private async call<T>(path: string, body: unknown, schema: z.ZodType<T>, bearer: string | null, method: 'GET' | 'POST' = 'POST'): Promise<T> {
    let response: Response;
    try {
      response = await this.fetch(new URL(path, this.base), {
        method,
        headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncOfflineError(`The sync server did not answer (${error instanceof Error ? error.message : String(error)})`, error);
    }
    let json: unknown;
    try {
      // The timeout covers the body too: a reply that stalls mid-page is offline like one never sent.
      json = await response.json();
    } catch (error) {
      // A reply cut off mid-body, or a proxy's HTML page: no answer we can use.
      if (response.status >= 500 || response.ok) throw new SyncOfflineError(`The sync server's reply to ${path} was not readable`, error);
      throw new SyncTransportError('INTERNAL', `The sync server's reply to ${path} was not JSON (HTTP ${response.status})`, response.status, {}, retryAfter(response));
    }
    if (!response.ok) {
      const parsed = syncErrorBody.safeParse(json);
      if (!parsed.success) throw new SyncTransportError('INTERNAL', `The sync server refused ${path} with HTTP ${response.status}`, response.status, {}, retryAfter(response));
      const { code, message, details } = parsed.data.error;
      throw new SyncTransportError(code, message, response.status, details ?? {}, retryAfter(response));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncTransportError('INTERNAL', `The sync server's reply to ${path} does not match the protocol`, response.status, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, null);
    return parsed.data;
  }
}

// The admin API's replies (src-server/http/admin-routes.ts); the fields the client shows, others pass unread.
const adminDevice = z.object({
  id: z.string(), name: z.string(), memberId: z.string(), memberName: z.string(), enrolledAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(), revokedAt: z.number().int().nullable(), clockAheadMs: z.number().nullable(),
  // A server older than the audit mismatch sends none of these; one older than audit rows, no seq or reason.
  auditMismatchAt: z.number().int().nullable().default(null),
  auditMismatchSeq: z.number().int().min(1).nullable().default(null),
  // A reason newer than this app reads as none too: the mismatch itself still shows, which is what the admin must see.
  auditMismatchReason: z.enum(AUDIT_MISMATCH_REASONS).nullable().catch(null),
}).transform(({ auditMismatchAt, auditMismatchSeq, auditMismatchReason, ...device }): SyncDeviceView => ({
  ...device,
  // The wire keeps the server's columns side by side; the app reads them as one mark, null when there is none.
  auditMismatch: auditMismatchAt === null ? null : { at: auditMismatchAt, seq: auditMismatchSeq, reason: auditMismatchReason },
}));
const adminDevicesResponse = z.object({ devices: z.array(adminDevice) });
const revokedDeviceResponse = z.object({ deviceId: z.string(), revokedAt: z.number().int() });
const adminMember = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.number().int(), disabledAt: z.number().int().nullable() });
export type AdminMember = z.infer<typeof adminMember>;
const adminMembersResponse = z.object({ members: z.array(adminMember) });
const adminEnrolToken = z.object({ token: z.string().min(16), memberId: z.string(), expiresAt: z.number().int() });
export type AdminEnrolToken = z.infer<typeof adminEnrolToken>;

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/** The error an unsuccessful blob reply carries (the same reading as `call`'s). */
async function errorOfReply(response: Response, path: string): Promise<Error> {
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (response.status >= 500) return new SyncOfflineError(`The sync server's reply to ${path} was not readable`, error);
    return new SyncTransportError('INTERNAL', `The sync server's reply to ${path} was not JSON (HTTP ${response.status})`, response.status, {}, retryAfter(response));
  }
  const parsed = syncErrorBody.safeParse(json);
  if (!parsed.success) return new SyncTransportError('INTERNAL', `The sync server refused ${path} with HTTP ${response.status}`, response.status, {}, retryAfter(response));
  const { code, message, details } = parsed.data.error;
  return new SyncTransportError(code, message, response.status, details ?? {}, retryAfter(response));
}

/** An ok JSON reply parsed with the protocol's schema. */
async function parsedReply<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new SyncOfflineError(`The sync server's reply with ${what} was not readable`, error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SyncTransportError('INTERNAL', `The sync server's reply with ${what} does not match the protocol`, response.status, {}, null);
  return parsed.data;
}
