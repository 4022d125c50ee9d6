// Read-only commands through the running app: the process that holds the vault (the app, `vigil
// serve`) listens on 127.0.0.1 beside its core, and a `vigil` command refused the vault
// (data-dir-lock.ts says why it cannot open it beside the holder) sends its calls here instead.
//
// POST /invoke, JSON { channel, input }, `Authorization: Bearer <API token>` and the key from
// vigil.endpoint (command-endpoint-file.ts). Only READ_ONLY_CHANNELS are served; anything else is
// refused before a session exists. Each call signs in with the token on a fresh caller, runs the one
// channel and ends the session: every call is in the audit log as a token sign-in by the command,
// and no session outlives it. GET /hello answers a command's challenge, so a command knows it talks
// to the holder before it sends a token. Tokens and bodies are never logged.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionService } from '../auth/session-service';
import { silentLogger, type Logger } from '../platform/logger';
import type { ChannelName } from '../../src-shared/contract';
import type { ErrorCode, InvokeResult } from '../../src-shared/errors';
import {
  ENDPOINT_CHALLENGE_HEADER, ENDPOINT_KEY_HEADER, endpointProof, removeEndpointFile, writeEndpointFile, type EndpointRecord,
} from './command-endpoint-file';
import { readBody } from './request-body';
import type { Caller, Router } from './router';
import { hostAllowed, secretsEqual } from './web-security';

/**
 * The channels the read-only commands use (audit verify, stats, export, user list, backup list and
 * verify, security incidents). Each only reads the vault; what they write is what any read by the holder writes: the
 * audit row of the call, the token's last use, and (backup.verify) the verdict the backup list shows.
 */
export const READ_ONLY_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'audit.verify',
  'analytics.stats',
  'alerts.count', 'investigations.list', 'exports.alerts', 'exports.investigations', 'exports.investigation',
  'users.list',
  'backup.list', 'backup.verify',
  'health.status',
  'security.incidents',
]);

/** How the sessions these calls open are named (sessions list, audit rows). */
export const COMMAND_CLIENT = 'command via app';

// The inputs of the read-only channels are filters and names: a few KiB at most.
const MAX_BODY_BYTES = 64 * 1024;

/** What the endpoint needs of the core (src-main/core.ts builds one that fits). */
export interface CommandEndpointCore {
  dataDir: string;
  router: Pick<Router, 'invoke'>;
  services: { sessions: Pick<SessionService, 'findByToken' | 'end'> };
}

export interface CommandEndpoint {
  /** The port once listening; null when the endpoint could not start (logged; the holder runs on without it). */
  readonly ready: Promise<number | null>;
  /** Removes vigil.endpoint at once, then stops listening. */
  close(): Promise<void>;
}

/** Starts listening beside the core and writes vigil.endpoint once it does. */
export function openCommandEndpoint(core: CommandEndpointCore, options: { logger?: Logger } = {}): CommandEndpoint {
  const logger = options.logger ?? silentLogger;
  const key = randomBytes(32).toString('base64url');
  let record: EndpointRecord | null = null;
  let closed = false;
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.log('error', 'command endpoint request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) refuse(response, 500, 'INTERNAL', 'Something went wrong; the details are in the log');
      else response.destroy();
    });
  });
  server.on('error', (error) => logger.log('error', 'command endpoint error', { error: error.message }));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Commands send neither a foreign Host nor an Origin; a page in a browser (DNS rebinding, a
    // cross-site post) sends one or the other.
    if (!hostAllowed(request.headers.host, port)) return drain(request, () => refuse(response, 421, 'FORBIDDEN', 'Unknown host'));
    if (request.headers.origin !== undefined) return drain(request, () => refuse(response, 403, 'FORBIDDEN', 'Not for pages'));
    const path = (request.url ?? '').split('?')[0];
    if (path === '/hello' && request.method === 'GET') return drain(request, () => hello(request, response));
    if (path !== '/invoke') return drain(request, () => refuse(response, 404, 'NOT_FOUND', 'No such endpoint'));
    if (request.method !== 'POST') return drain(request, () => refuse(response, 405, 'VALIDATION', 'Method not allowed'));
    if (!secretsEqual(header(request, ENDPOINT_KEY_HEADER), key)) {
      return drain(request, () => refuse(response, 403, 'FORBIDDEN', 'Missing or wrong endpoint key (it is in vigil.endpoint)'));
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return drain(request, () => refuse(response, 415, 'VALIDATION', 'JSON only'));
    const token = bearerToken(header(request, 'authorization'));
    if (!token) return drain(request, () => refuse(response, 401, 'AUTH_REQUIRED', 'Send an API token: Authorization: Bearer vigil_…'));
    const body = await readBody(request, MAX_BODY_BYTES);
    if ('problem' in body) {
      if (body.problem === 'aborted') return;
      if (body.problem === 'too_large') return refuse(response, 413, 'VALIDATION', 'Request too large');
      return refuse(response, 400, 'VALIDATION', 'The request is not valid UTF-8');
    }
    let message: unknown;
    try {
      message = JSON.parse(body.text) as unknown;
    } catch {
      return refuse(response, 400, 'VALIDATION', 'The request is not valid JSON');
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return refuse(response, 400, 'VALIDATION', 'The request must be a JSON object with a channel and an input');
    }
    const { channel, input } = message as { channel?: unknown; input?: unknown };
    if (!READ_ONLY_CHANNELS.has(channel as ChannelName)) {
      return refuse(response, 403, 'FORBIDDEN', 'Writes cannot go through the running app: only read-only commands can. Close the app and run the command again.');
    }
    return sendJson(response, 200, await invokeOnce(token, channel as ChannelName, input));
  }

  /** Signs in with the token on a caller of its own, makes the one call, and ends that session. */
  async function invokeOnce(token: string, channel: ChannelName, input: unknown): Promise<InvokeResult<unknown>> {
    const caller: Caller = {
      token: null,
      client: COMMAND_CLIENT,
      bindSession(bound) {
        caller.token = bound;
      },
      clearSession() {
        caller.token = null;
      },
    };
    const signIn = await core.router.invoke('auth.tokenLogin', { token }, caller);
    if (!signIn.ok) return signIn;
    try {
      return await core.router.invoke(channel, input, caller);
    } finally {
      // Not auth.logout: that also ends the owner's PII reveals in the app's windows.
      const session = core.services.sessions.findByToken(caller.token);
      if (session) core.services.sessions.end(session, 'logout');
      caller.token = null;
    }
  }

  function hello(request: IncomingMessage, response: ServerResponse): void {
    const challenge = header(request, ENDPOINT_CHALLENGE_HEADER);
    if (!challenge || !/^[A-Za-z0-9_-]{16,128}$/.test(challenge)) return refuse(response, 400, 'VALIDATION', 'Send a challenge');
    sendJson(response, 200, { ok: true, value: { pid: process.pid, proof: endpointProof(key, challenge) } });
  }

  const ready = new Promise<number | null>((resolve) => {
    server.once('error', (error) => {
      logger.log('error', 'command endpoint could not start', { error: error.message });
      resolve(null);
    });
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      if (closed) return resolve(null);
      try {
        const written = { port, pid: process.pid, key };
        writeEndpointFile(core.dataDir, written);
        record = written;
        resolve(port);
      } catch (error) {
        logger.log('error', 'command endpoint file not written', { error: error instanceof Error ? error.message : String(error) });
        server.close();
        resolve(null);
      }
    });
  });

  return {
    ready,
    async close() {
      closed = true;
      if (record) removeEndpointFile(core.dataDir, record);
      record = null;
      await ready;
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([^\s]{1,200})$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** Discards a body that will not be read (as web-server.ts does), then answers. */
function drain(request: IncomingMessage, answer: () => void): void {
  request.resume();
  answer();
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(value));
}

function refuse(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const failure: InvokeResult<never> = { ok: false, error: { code, message } };
  sendJson(response, status, failure);
}
