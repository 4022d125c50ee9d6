// Browser mode: the core behind a loopback HTTP + WebSocket transport, serving the built renderer.
// Loopback only; a random per-launch token (in the printed URL, then an HttpOnly cookie) must come
// with every request; a foreign Host or Origin is refused; no CORS. The session token lives in a
// second HttpOnly cookie, so page script never holds it.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core';
import type { Caller } from './router';
import type { EventTarget } from './event-hub';
import {
  contentSecurityPolicy, hostAllowed, LAUNCH_COOKIE, originAllowed, parseCookies, secretsEqual, SESSION_COOKIE,
} from './web-security';

// Room for one upload chunk (1 MiB, base64-encoded) plus its envelope.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};

export interface WebServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  launchToken?: string;
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
  let port = 0;
  const sockets = new Set<{ socket: WebSocket; sessionId: string | null }>();

  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error');
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    baseHeaders(response);
    if (!hostAllowed(request.headers.host, port)) return send(response, 421, 'text/plain', 'Unknown host');
    if (!originAllowed(request.headers.origin, port)) return send(response, 403, 'text/plain', 'Foreign origin');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const cookies = parseCookies(request.headers.cookie);
    if (request.method === 'GET' && url.searchParams.has('token')) {
      if (!secretsEqual(url.searchParams.get('token'), launchToken)) return send(response, 403, 'text/plain', 'Wrong launch token');
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      response.setHeader('Set-Cookie', cookie(LAUNCH_COOKIE, launchToken));
      response.setHeader('Location', '/');
      return send(response, 303, 'text/plain', '');
    }
    if (!secretsEqual(cookies.get(LAUNCH_COOKIE), launchToken)) {
      return send(response, 403, 'text/plain', 'Open the address printed by `vigil serve` (it carries the launch token).');
    }
    if (url.pathname === '/api/invoke') return handleInvoke(request, response, cookies);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed');
    return serveStatic(url.pathname, response);
  }

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, cookies: Map<string, string>): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed');
    // A JSON content type cannot be sent by a plain HTML form: one more wall against cross-site posts.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'text/plain', 'JSON only');
    const body = await readBody(request);
    if (body === null) return send(response, 413, 'text/plain', 'Request too large');
    let message: { channel?: unknown; input?: unknown };
    try {
      message = JSON.parse(body) as { channel?: unknown; input?: unknown };
    } catch {
      return sendJson(response, { ok: false, error: { code: 'VALIDATION', message: 'The request is not valid JSON' } });
    }
    const setCookies: string[] = [];
    const caller: Caller = {
      token: cookies.get(SESSION_COOKIE) ?? null,
      client: 'browser',
      bindSession(token) {
        caller.token = token;
        setCookies.push(cookie(SESSION_COOKIE, token));
      },
      clearSession() {
        caller.token = null;
        setCookies.push(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      },
    };
    const result = await core.router.invoke(message.channel, message.input, caller);
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
    createReadStream(file).pipe(response);
  }

  function baseHeaders(response: ServerResponse): void {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Cache-Control', 'no-store');
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const cookies = parseCookies(request.headers.cookie);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const allowed = url.pathname === '/api/events' && hostAllowed(request.headers.host, port) &&
      request.headers.origin !== undefined && originAllowed(request.headers.origin, port) &&
      secretsEqual(cookies.get(LAUNCH_COOKIE), launchToken);
    if (!allowed) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const session = core.services.sessions.findByToken(cookies.get(SESSION_COOKIE) ?? null);
      const entry = { socket: ws, sessionId: session?.id ?? null };
      sockets.add(entry);
      ws.on('close', () => sockets.delete(entry));
      // The socket only receives; anything sent to it is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribe = core.events.subscribe((target: EventTarget, event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const entry of sockets) {
      if (target === 'all' || (entry.sessionId !== null && entry.sessionId === target.sessionId)) entry.socket.send(text);
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
      for (const entry of sockets) entry.socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
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

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
