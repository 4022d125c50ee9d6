// Browser mode: the core behind a loopback HTTP + WebSocket transport, serving the built renderer.
// Loopback only; a random per-launch token (in the printed URL) must come with every request; a
// foreign Host or Origin is refused; no CORS. The session token lives in an HttpOnly cookie, so
// page script never holds it.
//
// Why the launch token also travels in a header: browsers scope cookies by host, not port, so any
// page served from another port of 127.0.0.1 (another local program, another local user) is sent
// both Vigil cookies and can replay them. The page therefore keeps the launch token in its own
// sessionStorage (origin-scoped, port included) and sends it in the `x-vigil-launch` header on
// every call and in the event socket's first message. A browser never attaches that by itself, so
// a copied cookie, on its own, calls nothing and hears nothing. The cookie remains only to serve
// the renderer's static files (the same files for everyone), so a reload keeps working.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SessionService } from '../auth/session-service';
import { drainConnectionsOnStop } from './connection-drain';
import { silentLogger, type Logger } from '../platform/logger';
import type { ErrorCode, InvokeResult } from '../../src-shared/errors';
import type { EventSocketReady } from '../../src-shared/browser-transport';
import type { Caller, Router } from './router';
import { readBody } from './request-body';
import type { EventHub, EventTarget } from './event-hub';
import {
  contentSecurityPolicy, helloToken, hostAllowed, LAUNCH_COOKIE, LAUNCH_HEADER, originAllowed, parseCookies, secretsEqual, SESSION_COOKIE,
} from './web-security';

// Room for one upload chunk (1 MiB, base64-encoded) plus its envelope.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
// The event socket only ever receives one short hello from the page.
const MAX_SOCKET_MESSAGE_BYTES = 4 * 1024;
// A socket that has not said hello by then is closed: it holds no events and no session.
const HELLO_TIMEOUT_MS = 10_000;
/** How long stopping waits for requests still in flight before it cuts their connections. */
export const STOP_GRACE_MS = 2_000;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};

/**
 * What the transport needs of the core (src-main/core.ts builds one that fits): the router to call,
 * the sessions to find a cookie's session, the hub whose events it pushes. Named here so the
 * transport does not import the composition root above it.
 */
export interface TransportCore {
  router: Pick<Router, 'invoke'>;
  events: Pick<EventHub, 'subscribe'>;
  services: { sessions: Pick<SessionService, 'findByToken'> };
}

export interface WebServerOptions {
  core: TransportCore;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  launchToken?: string;
  /** Where transport failures are logged (never with tokens or bodies). */
  logger?: Logger;
}

export interface RunningWebServer {
  url: string;
  port: number;
  launchToken: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const launchToken = options.launchToken ?? randomBytes(32).toString('base64url');
  const { core } = options;
  const logger = options.logger ?? silentLogger;
  let port = 0;
  /** Sockets that said hello with the launch token: only these are pushed events. */
  const sockets = new Set<{ socket: WebSocket; sessionId: string | null }>();

  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      logger.log('error', 'web request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error');
      else response.destroy();
    });
  });
  const connections = drainConnectionsOnStop(server);
  // A listening server that errors (or a client that does) must not take the process down.
  server.on('error', (error) => logger.log('error', 'web server error', { error: error.message }));

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    baseHeaders(response);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return refuse(response, false, 400, 'VALIDATION', 'Malformed request target');
    }
    const api = url.pathname.startsWith('/api/');
    if (!hostAllowed(request.headers.host, port)) return refuse(response, api, 421, 'FORBIDDEN', 'Unknown host');
    if (!originAllowed(request.headers.origin, port)) return refuse(response, api, 403, 'FORBIDDEN', 'Foreign origin');
    const cookies = parseCookies(request.headers.cookie);
    if (url.pathname === '/api/invoke') return handleInvoke(request, response, cookies);
    if (request.method === 'GET' && url.searchParams.has('token')) {
      if (!secretsEqual(url.searchParams.get('token'), launchToken)) return refuse(response, api, 403, 'FORBIDDEN', 'Wrong launch token');
      // The page reads the token from its address, keeps it in sessionStorage and drops it from the
      // address bar; the cookie lets a reload fetch the (public) renderer files again.
      response.setHeader('Set-Cookie', cookie(LAUNCH_COOKIE, launchToken));
    } else if (!secretsEqual(cookies.get(LAUNCH_COOKIE), launchToken)) {
      return refuse(response, api, 403, 'AUTH_REQUIRED', 'Open the address printed by `vigil serve` (it carries the launch token).');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, api, 405, 'VALIDATION', 'Method not allowed');
    if (api) return refuse(response, api, 404, 'NOT_FOUND', 'No such endpoint');
    return serveStatic(url.pathname, response);
  }

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, cookies: Map<string, string>): Promise<void> {
    // The header, not the cookie: a page on another port of 127.0.0.1 is sent our cookies but
    // cannot read our sessionStorage, so it cannot produce this.
    const header = request.headers[LAUNCH_HEADER];
    if (!secretsEqual(typeof header === 'string' ? header : null, launchToken)) {
      request.resume();
      return refuse(response, true, 403, 'AUTH_REQUIRED', 'Open the address printed by `vigil serve` (it carries the launch token).');
    }
    if (request.method !== 'POST') {
      request.resume();
      return refuse(response, true, 405, 'VALIDATION', 'Method not allowed');
    }
    // A JSON content type cannot be sent by a plain HTML form: one more wall against cross-site posts.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      request.resume();
      return refuse(response, true, 415, 'VALIDATION', 'JSON only');
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if ('problem' in body) {
      if (body.problem === 'aborted') return;
      if (body.problem === 'too_large') return refuse(response, true, 413, 'VALIDATION', 'Request too large');
      return sendJson(response, failure('VALIDATION', 'The request is not valid UTF-8'));
    }
    let message: unknown;
    try {
      message = JSON.parse(body.text) as unknown;
    } catch {
      return sendJson(response, failure('VALIDATION', 'The request is not valid JSON'));
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return sendJson(response, failure('VALIDATION', 'The request must be a JSON object with a channel and an input'));
    }
    const { channel, input, background } = message as { channel?: unknown; input?: unknown; background?: unknown };
    const setCookies: string[] = [];
    const caller: Caller = {
      token: cookies.get(SESSION_COOKIE) ?? null,
      client: 'browser',
      background: background === true,
      bindSession(token) {
        caller.token = token;
        setCookies.push(cookie(SESSION_COOKIE, token));
      },
      clearSession() {
        caller.token = null;
        setCookies.push(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      },
    };
    const result = await core.router.invoke(channel, input, caller);
    if (setCookies.length > 0) response.setHeader('Set-Cookie', setCookies);
    return sendJson(response, result);
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    const root = normalize(options.staticDir);
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return send(response, 400, 'text/plain', 'Malformed path');
    }
    let file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return send(response, 404, 'text/plain', 'Not found');
    // Unknown paths get the app shell: the renderer routes by state, not by URL.
    if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    if (!existsSync(file)) return send(response, 503, 'text/plain', 'The renderer is not built: run `npm run build`.');
    response.statusCode = 200;
    response.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    const stream = createReadStream(file);
    stream.on('error', (error) => {
      logger.log('warn', 'static file unreadable', { error: error.message });
      response.destroy();
    });
    stream.pipe(response);
  }

  function baseHeaders(response: ServerResponse): void {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Cache-Control', 'no-store');
  }

  // A frame over the limit, invalid UTF-8 or a protocol error closes that socket only: ws reports
  // it as an 'error' on the socket, which without a listener would be thrown and end the process.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  wss.on('error', (error) => logger.log('warn', 'event socket server error', { error: error.message }));
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    } catch {
      pathname = '';
    }
    const cookies = parseCookies(request.headers.cookie);
    const allowed = pathname === '/api/events' && hostAllowed(request.headers.host, port) &&
      request.headers.origin !== undefined && originAllowed(request.headers.origin, port) &&
      secretsEqual(cookies.get(LAUNCH_COOKIE), launchToken);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error) => logger.log('info', 'event socket closed on a bad frame', { error: error.message }));
      const entry = { socket: ws, sessionId: null as string | null };
      let greeted = false;
      const timer = setTimeout(() => ws.close(1008, 'Expected a hello'), HELLO_TIMEOUT_MS);
      ws.on('close', () => {
        clearTimeout(timer);
        sockets.delete(entry);
      });
      // The first message must carry the launch token (a copied cookie is not enough); later
      // messages are ignored: the socket only receives.
      ws.on('message', (data, isBinary) => {
        if (greeted) return;
        greeted = true;
        clearTimeout(timer);
        if (!secretsEqual(helloToken(data, isBinary), launchToken)) {
          ws.close(1008, 'Expected a hello with the launch token');
          return;
        }
        entry.sessionId = core.services.sessions.findByToken(cookies.get(SESSION_COOKIE) ?? null)?.id ?? null;
        sockets.add(entry);
        const ready: EventSocketReady = { type: 'ready' };
        ws.send(JSON.stringify(ready));
      });
    });
  });

  const unsubscribe = core.events.subscribe((target: EventTarget, event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const entry of sockets) {
      if (entry.socket.readyState !== entry.socket.OPEN) continue;
      if (target === 'all' || target === 'every-window' || (entry.sessionId !== null && entry.sessionId === target.sessionId)) entry.socket.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${launchToken}`,
    port,
    launchToken,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      // close() waits for every open request to end; a browser can hold one forever (a page frozen
      // mid-upload), and `vigil serve` must still stop when asked. Past the grace period the rest are cut.
      const cutOff = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.drain();
      await closed;
      clearTimeout(cutOff);
    },
  };
}

function cookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict`;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', type);
  response.end(body);
}

function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function failure(code: ErrorCode, message: string): InvokeResult<never> {
  return { ok: false, error: { code, message } };
}

/** A refusal before any channel runs: a typed error body for the api, plain text for a page. */
function refuse(response: ServerResponse, api: boolean, status: number, code: ErrorCode, message: string): void {
  if (api) send(response, status, 'application/json; charset=utf-8', JSON.stringify(failure(code, message)));
  else send(response, status, 'text/plain; charset=utf-8', message);
}
