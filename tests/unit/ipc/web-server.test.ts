// Browser mode over real loopback HTTP and WebSocket: who is let in (launch token, Host, Origin,
// content type), what the page may hold (never the session token), what it is pushed, and what a
// program that copied the cookies (as any page on another port of 127.0.0.1 is sent them) gets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, STOP_GRACE_MS, type RunningWebServer } from '../../../src-main/ipc/web-server';
import type { InvokeResult } from '../../../src-shared/errors';
import type { AppStatus, SessionView, UserView } from '../../../src-shared/model';
import { ADMIN, makeTestVault, type TestVault } from '../support/test-core';

const INDEX_HTML = '<!doctype html><title>Vigil test shell</title><div id="root"></div>\n';
const SECRET_OUTSIDE = 'the file next to the renderer that must never be served';

let vault: TestVault;
let server: RunningWebServer;
let workDir: string;
let staticDir: string;
const openSockets: WebSocket[] = [];

beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  staticDir = join(workDir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'app.js'), 'console.log("app");\n');
  // Beside staticDir, and in a sibling whose name starts with the same prefix.
  writeFileSync(join(workDir, 'secret.txt'), SECRET_OUTSIDE);
  mkdirSync(join(workDir, 'renderer-private'));
  writeFileSync(join(workDir, 'renderer-private', 'secret.txt'), SECRET_OUTSIDE);
  vault = makeTestVault();
  server = await startWebServer({ core: vault.core, staticDir, port: 0 });
});

afterEach(async () => {
  for (const socket of openSockets.splice(0)) socket.terminate();
  await server?.close();
  vault?.dispose();
  rmSync(workDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request (fetch refuses to set Host); the Host header defaults to the real loopback one. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function setCookies(headers: IncomingHttpHeaders): string[] {
  return headers['set-cookie'] ?? [];
}

/** `name=value` of the Set-Cookie line for `name`, as a browser would send it back. */
function cookiePair(headers: IncomingHttpHeaders, name: string): string {
  const line = setCookies(headers).find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie for ${name} in ${JSON.stringify(setCookies(headers))}`);
  return line.split(';')[0] ?? '';
}

/** Opens the printed address the way a browser does and returns the launch cookie it is given. */
async function launchCookie(): Promise<string> {
  const reply = await send(`/?token=${encodeURIComponent(server.launchToken)}`);
  expect(reply.status).toBe(200);
  return cookiePair(reply.headers, 'vigil_launch');
}

/** The header the page adds to every call from its sessionStorage; a browser never adds it by itself. */
const launchHeader = () => ({ 'x-vigil-launch': server.launchToken });

async function invoke<T>(
  cookies: string[],
  channel: string,
  input: unknown,
  extraHeaders: Record<string, string> = launchHeader(),
): Promise<{ reply: Reply; result: InvokeResult<T> }> {
  const reply = await send('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.join('; '), ...extraHeaders },
    body: JSON.stringify({ channel, input }),
  });
  expect(reply.status).toBe(200);
  return { reply, result: JSON.parse(reply.body) as InvokeResult<T> };
}

function valueOf<T>(result: InvokeResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorCode(result: InvokeResult<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

/** Sets the vault up over HTTP and confirms the key; returns both cookies of the now active admin. */
async function signedInAdmin(): Promise<{ launch: string; session: string }> {
  const launch = await launchCookie();
  const { reply, result } = await invoke<{ recoveryKey: string }>([launch], 'setup.initialize', { vaultName: 'Web vault', ...ADMIN });
  const session = cookiePair(reply.headers, 'vigil_session');
  const confirmed = await invoke<SessionView>([launch, session], 'auth.confirmRecoveryKey', { recoveryKey: valueOf(result).recoveryKey });
  expect(valueOf(confirmed.result).state).toBe('active');
  return { launch, session };
}

type SocketOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number | null };

function openEvents(headers: Record<string, string>, origin?: string): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers, ...(origin ? { origin } : {}) });
    openSockets.push(socket);
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? null });
      socket.terminate();
    });
    socket.once('error', () => resolve({ opened: false, status: null }));
  });
}

/** Sends the page's first message and waits for the server to start pushing. */
async function greet(socket: WebSocket, launchToken = server.launchToken): Promise<void> {
  const ready = nextMessage(socket);
  socket.send(JSON.stringify({ type: 'hello', launchToken }));
  expect(await ready).toEqual({ type: 'ready' });
}

/** Everything the socket is sent until it closes, and the close code. */
function untilClosed(socket: WebSocket): Promise<{ code: number; messages: string[] }> {
  const messages: string[] = [];
  socket.on('message', (data: Buffer) => messages.push(data.toString('utf8')));
  return new Promise((resolve) => socket.once('close', (code: number) => resolve({ code, messages })));
}

function nextMessage(socket: WebSocket): Promise<{ event: string; payload: unknown }> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as { event: string; payload: unknown }));
  });
}

const ownOrigin = () => `http://127.0.0.1:${server.port}`;

describe('the launch token', () => {
  it('refuses a visitor who has no launch token', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('Vigil test shell');
  });

  it('refuses a wrong launch token and hands out no cookie', async () => {
    const reply = await send('/?token=wrong');
    expect(reply.status).toBe(403);
    expect(setCookies(reply.headers)).toEqual([]);
  });

  it('answers the right token with the app shell and an HttpOnly, SameSite=Strict cookie for its files', async () => {
    const response = await fetch(`${server.url}`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const [line = ''] = cookies;
    expect(line).toMatch(/^vigil_launch=[^;]+;/);
    expect(line).toMatch(/;\s*HttpOnly(;|$)/);
    expect(line).toMatch(/;\s*SameSite=Strict(;|$)/);
  });

  it('serves the app shell to the holder of the launch cookie, under a deny-by-default CSP', async () => {
    const launch = await launchCookie();
    const response = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { cookie: launch } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('ignores a cookie with a malformed escape instead of failing the request', async () => {
    const launch = await launchCookie();
    const garbage = await send('/', { headers: { cookie: 'vigil_launch=%E0%A4%A' } });
    expect(garbage.status).toBe(403);
    const beside = await send('/', { headers: { cookie: `other=%E0%A4%A; ${launch}` } });
    expect(beside.status).toBe(200);
  });

  it('keeps refusing a launch cookie that carries a different token', async () => {
    const reply = await send('/', { headers: { cookie: 'vigil_launch=not-the-token' } });
    expect(reply.status).toBe(403);
  });
});

describe('who may call /api/invoke', () => {
  it('refuses a foreign Host header even with the right cookie (DNS rebinding)', async () => {
    const launch = await launchCookie();
    const page = await send('/', { headers: { host: `evil.example:${server.port}`, cookie: launch } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('Vigil test shell');
    const call = await send('/api/invoke', {
      method: 'POST',
      headers: { host: `evil.example:${server.port}`, cookie: launch, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app.status', input: {} }),
    });
    expect(call.status).toBe(421);
  });

  it('refuses a call from a foreign Origin and leaves the vault untouched', async () => {
    const launch = await launchCookie();
    const reply = await send('/api/invoke', {
      method: 'POST',
      headers: { origin: 'http://evil.example', cookie: launch, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'setup.initialize', input: { vaultName: 'Hijacked', ...ADMIN } }),
    });
    expect(reply.status).toBe(403);
    const { result } = await invoke<AppStatus>([launch], 'app.status', {});
    expect(valueOf(result).initialized).toBe(false);
  });

  it('accepts a call that carries its own origin', async () => {
    const launch = await launchCookie();
    const { result } = await invoke<AppStatus>([launch], 'app.status', {}, { origin: ownOrigin(), ...launchHeader() });
    expect(valueOf(result).initialized).toBe(false);
  });

  it('refuses a call without a JSON content type, as a plain HTML form would send it', async () => {
    const launch = await launchCookie();
    const reply = await send('/api/invoke', {
      method: 'POST',
      headers: { cookie: launch, 'content-type': 'text/plain', ...launchHeader() },
      body: JSON.stringify({ channel: 'setup.initialize', input: { vaultName: 'Hijacked', ...ADMIN } }),
    });
    expect(reply.status).toBe(415);
    const { result } = await invoke<AppStatus>([launch], 'app.status', {});
    expect(valueOf(result).initialized).toBe(false);
  });

  it('refuses a call without the launch cookie', async () => {
    const reply = await send('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app.status', input: {} }),
    });
    expect(reply.status).toBe(403);
  });

  it('refuses a call that carries only the cookies, as a page on another port of 127.0.0.1 is sent them', async () => {
    const { launch, session } = await signedInAdmin();
    for (const [channel, input] of [['users.list', {}], ['app.status', {}], ['auth.lock', {}], ['auth.login', { username: 'ada', password: 'guess guess guess' }]] as const) {
      const reply = await send('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${launch}; ${session}` },
        body: JSON.stringify({ channel, input }),
      });
      expect(reply.status, channel).toBe(403);
      expect(errorCode(JSON.parse(reply.body) as InvokeResult<unknown>), channel).toBe('AUTH_REQUIRED');
      expect(reply.body, channel).not.toContain(ADMIN.username);
    }
    // A wrong header is no better than none; the page's own calls go on working.
    const wrong = await send('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${launch}; ${session}`, 'x-vigil-launch': 'a-guess' },
      body: JSON.stringify({ channel: 'users.list', input: {} }),
    });
    expect(wrong.status).toBe(403);
    const { result } = await invoke<UserView[]>([launch, session], 'users.list', {});
    expect(valueOf(result).map((u) => u.username)).toEqual([ADMIN.username]);
  });

  it('refuses setup of a fresh vault to a caller who holds only the launch cookie', async () => {
    const launch = await launchCookie();
    const reply = await send('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: launch },
      body: JSON.stringify({ channel: 'setup.initialize', input: { vaultName: 'Hijacked', ...ADMIN } }),
    });
    expect(reply.status).toBe(403);
    const { result } = await invoke<AppStatus>([launch], 'app.status', {});
    expect(valueOf(result).initialized).toBe(false);
  });

  it('refuses a body over 2 MiB (one upload chunk and its envelope fit)', async () => {
    const launch = await launchCookie();
    const reply = await send('/api/invoke', {
      method: 'POST',
      headers: { cookie: launch, 'content-type': 'application/json', ...launchHeader() },
      body: JSON.stringify({ channel: 'app.status', input: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(reply.status).toBe(413);
  });

  it('answers app.status for a fresh data directory', async () => {
    const launch = await launchCookie();
    const { result } = await invoke<AppStatus>([launch], 'app.status', {});
    expect(result.ok).toBe(true);
    expect(valueOf(result)).toMatchObject({ initialized: false, vaultName: null, session: null });
  });

  it('answers a body that is JSON but not an object (null, an array, a number) with a typed VALIDATION error', async () => {
    const launch = await launchCookie();
    for (const body of ['null', '[]', '42', '"app.status"', 'true']) {
      const reply = await send('/api/invoke', {
        method: 'POST', headers: { cookie: launch, 'content-type': 'application/json', ...launchHeader() }, body,
      });
      expect(reply.status, body).toBe(200);
      expect(errorCode(JSON.parse(reply.body) as InvokeResult<unknown>), body).toBe('VALIDATION');
    }
  });

  it('answers a body that is not valid UTF-8 with a typed VALIDATION error', async () => {
    const launch = await launchCookie();
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port: server.port, path: '/api/invoke', method: 'POST', agent: false,
        headers: { host: `127.0.0.1:${server.port}`, cookie: launch, 'content-type': 'application/json', ...launchHeader() },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(Buffer.concat([Buffer.from('{"channel":"app.status","input":{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]));
    });
    expect(reply.status).toBe(200);
    expect(errorCode(JSON.parse(reply.body) as InvokeResult<unknown>)).toBe('VALIDATION');
  });

  it('answers a request target that is not a URL with 400, not a 500', async () => {
    const launch = await launchCookie();
    for (const path of ['//[', '//%', '//x:99999/api/invoke']) {
      const reply = await send(path, { headers: { cookie: launch } });
      expect(reply.status, path).toBe(400);
    }
  });

  it('answers a body that is not JSON with a typed VALIDATION error', async () => {
    const launch = await launchCookie();
    const reply = await send('/api/invoke', {
      method: 'POST', headers: { cookie: launch, 'content-type': 'application/json', ...launchHeader() }, body: '{"channel":',
    });
    expect(reply.status).toBe(200);
    expect(errorCode(JSON.parse(reply.body) as InvokeResult<unknown>)).toBe('VALIDATION');
  });
});

describe('the session cookie', () => {
  it('keeps the session in an HttpOnly cookie that authorises later calls, and out of every body', async () => {
    const launch = await launchCookie();
    const setup = await invoke<{ recoveryKey: string; session: SessionView }>([launch], 'setup.initialize', { vaultName: 'Web vault', ...ADMIN });
    const line = setCookies(setup.reply.headers).find((c) => c.startsWith('vigil_session='));
    expect(line).toMatch(/;\s*HttpOnly(;|$)/);
    expect(line).toMatch(/;\s*SameSite=Strict(;|$)/);
    const session = cookiePair(setup.reply.headers, 'vigil_session');
    const token = decodeURIComponent(session.slice('vigil_session='.length));
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(setup.reply.body).not.toContain(token);

    const confirmed = await invoke<SessionView>([launch, session], 'auth.confirmRecoveryKey', { recoveryKey: valueOf(setup.result).recoveryKey });
    expect(valueOf(confirmed.result).state).toBe('active');
    expect(confirmed.reply.body).not.toContain(token);

    const listed = await invoke<UserView[]>([launch, session], 'users.list', {});
    expect(valueOf(listed.result).map((u) => u.username)).toEqual([ADMIN.username]);
    expect(listed.reply.body).not.toContain(token);

    const status = await invoke<AppStatus>([launch, session], 'app.status', {});
    expect(valueOf(status.result).session?.username).toBe(ADMIN.username);
    expect(status.reply.body).not.toContain(token);
  });

  it('refuses an admin channel to a caller who holds only the launch cookie', async () => {
    const { launch } = await signedInAdmin();
    const { result } = await invoke<UserView[]>([launch], 'users.list', {});
    expect(errorCode(result)).toBe('AUTH_REQUIRED');
  });

  it('clears the cookie on logout and ends the session on the server too', async () => {
    const { launch, session } = await signedInAdmin();
    const logout = await invoke<null>([launch, session], 'auth.logout', {});
    expect(logout.result.ok).toBe(true);
    const cleared = setCookies(logout.reply.headers).find((c) => c.startsWith('vigil_session='));
    expect(cleared).toMatch(/^vigil_session=;/);
    expect(cleared).toMatch(/;\s*Max-Age=0(;|$)/);
    // A page that kept the old cookie (or a copy of it) gets nothing with it.
    const replay = await invoke<UserView[]>([launch, session], 'users.list', {});
    expect(errorCode(replay.result)).toBe('AUTH_REQUIRED');
  });
});

describe('static files', () => {
  it('serves files of the built renderer with their type', async () => {
    const launch = await launchCookie();
    const reply = await send('/app.js', { headers: { cookie: launch } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
    expect(reply.body).toBe('console.log("app");\n');
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    const launch = await launchCookie();
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%2frenderer-private%2fsecret.txt',
      '/..%5csecret.txt',
    ];
    for (const path of attempts) {
      const reply = await send(path, { headers: { cookie: launch } });
      expect(reply.body, path).not.toContain(SECRET_OUTSIDE);
      expect(reply.body, path).not.toContain('"name": "vigil"');
      expect(reply.body, path).not.toMatch(/root:.*:0:0:/);
      // Either refused or the app shell, never anything else.
      expect([200, 404], path).toContain(reply.status);
      if (reply.status === 200) expect(reply.body, path).toBe(INDEX_HTML);
    }
  });

  it('keeps serving after a path with malformed percent-encoding', async () => {
    const launch = await launchCookie();
    const bad = await send('/%E0%A4%A', { headers: { cookie: launch } });
    expect(bad.body).not.toContain(SECRET_OUTSIDE);
    const after = await send('/', { headers: { cookie: launch } });
    expect(after.status).toBe(200);
    expect(after.body).toBe(INDEX_HTML);
  });

  it('answers malformed percent-encoding in the path with a client error, not a 500', async () => {
    const launch = await launchCookie();
    const reply = await send('/%E0%A4%A', { headers: { cookie: launch } });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it('answers an unknown path with the app shell, since the renderer routes by state', async () => {
    const launch = await launchCookie();
    const reply = await send('/cases/42', { headers: { cookie: launch } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
  });
});

describe('the /api/events WebSocket', () => {
  it('refuses an upgrade from a foreign Origin even with both cookies', async () => {
    const { launch, session } = await signedInAdmin();
    const outcome = await openEvents({ cookie: `${launch}; ${session}` }, 'http://evil.example');
    expect(outcome).toEqual({ opened: false, status: 403 });
  });

  it('refuses an upgrade without the launch cookie', async () => {
    const outcome = await openEvents({}, ownOrigin());
    expect(outcome).toEqual({ opened: false, status: 403 });
  });

  it('refuses an upgrade that carries no Origin at all', async () => {
    const launch = await launchCookie();
    const outcome = await openEvents({ cookie: launch });
    expect(outcome).toEqual({ opened: false, status: 403 });
  });

  it("pushes session.changed with state locked to the locked session's own socket", async () => {
    const { launch, session } = await signedInAdmin();
    const outcome = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    if (!outcome.opened) throw new Error(`socket refused (${outcome.status})`);
    await greet(outcome.socket);
    const message = nextMessage(outcome.socket);
    const locked = await invoke<SessionView>([launch, session], 'auth.lock', {});
    expect(valueOf(locked.result).state).toBe('locked');
    const received = await message;
    expect(received.event).toBe('session.changed');
    expect((received.payload as SessionView).state).toBe('locked');
    expect((received.payload as SessionView).username).toBe(ADMIN.username);
  });

  it("does not push one session's changes to a socket without that session", async () => {
    const { launch, session } = await signedInAdmin();
    const mine = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    const stranger = await openEvents({ cookie: launch }, ownOrigin());
    if (!mine.opened || !stranger.opened) throw new Error('socket refused');
    await greet(mine.socket);
    await greet(stranger.socket);
    const mineFirst = nextMessage(mine.socket);
    const strangerFirst = nextMessage(stranger.socket);
    await invoke<SessionView>([launch, session], 'auth.lock', {});
    expect((await mineFirst).event).toBe('session.changed');
    // Messages on one socket arrive in order: had the lock reached the stranger, it would come first.
    vault.core.events.emit('all', 'notification', { level: 'info', message: 'to everyone' });
    expect(await strangerFirst).toEqual({ event: 'notification', payload: { level: 'info', message: 'to everyone' } });
  });

  it('pushes nothing to a socket that replays the cookies without the launch token, and closes it', async () => {
    const { launch, session } = await signedInAdmin();
    const outcome = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    if (!outcome.opened) throw new Error(`socket refused (${outcome.status})`);
    const closed = untilClosed(outcome.socket);
    // Sent while the socket has not said hello: were it pushed, it would arrive before the close.
    vault.core.events.emit('all', 'notification', { level: 'info', message: 'to everyone' });
    await invoke<SessionView>([launch, session], 'auth.lock', {});
    outcome.socket.send(JSON.stringify({ type: 'hello', launchToken: 'copied-cookies-only' }));
    expect(await closed).toEqual({ code: 1008, messages: [] });
  });

  it('closes only the socket that sends an oversized frame; the server and other sockets go on', async () => {
    const { launch, session } = await signedInAdmin();
    const good = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    const bad = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    if (!good.opened || !bad.opened) throw new Error('socket refused');
    await greet(good.socket);
    const closed = untilClosed(bad.socket);
    bad.socket.send('x'.repeat(70 * 1024));
    expect((await closed).code).toBe(1009);
    const message = nextMessage(good.socket);
    vault.core.events.emit('all', 'notification', { level: 'info', message: 'still here' });
    expect((await message).payload).toEqual({ level: 'info', message: 'still here' });
    const { result } = await invoke<AppStatus>([launch, session], 'app.status', {});
    expect(valueOf(result).session?.username).toBe(ADMIN.username);
  });

  it('closes only the socket that sends a text frame of invalid UTF-8', async () => {
    const { launch, session } = await signedInAdmin();
    const bad = await openEvents({ cookie: `${launch}; ${session}` }, ownOrigin());
    if (!bad.opened) throw new Error('socket refused');
    const closed = untilClosed(bad.socket);
    bad.socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), { binary: false });
    expect((await closed).code).toBe(1007);
    const { result } = await invoke<AppStatus>([launch, session], 'app.status', {});
    expect(valueOf(result).session?.username).toBe(ADMIN.username);
  });

  it('answers an upgrade whose target is not a URL with a refusal, and keeps serving', async () => {
    const launch = await launchCookie();
    const reply = await send('//[', { headers: { cookie: launch, connection: 'Upgrade', upgrade: 'websocket', origin: ownOrigin() } });
    expect(reply.status).toBe(403);
    const { result } = await invoke<AppStatus>([launch], 'app.status', {});
    expect(valueOf(result).initialized).toBe(false);
  });
});

describe('stopping', () => {
  it('stops within its grace period while a browser still holds a request open', async () => {
    const launch = await launchCookie();
    // A call whose body never finishes arriving, as a page frozen mid-upload leaves it.
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${ownOrigin()}\r\nCookie: ${launch}\r\n`
      + 'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"chan');
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.resume();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS + 2_000);
    await socketClosed;
  }, 15_000);

  it('stops at once while a browser holds a connection open that has carried no request yet', async () => {
    // Chromium opens a spare connection ahead of the page's next request.
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    const started = Date.now();
    await server.close();
    await socketClosed;
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS / 2);
  }, 15_000);

  it('stops as soon as the call in flight is answered, closing its kept-alive connection then', async () => {
    const launch = await launchCookie();
    const body = JSON.stringify({ channel: 'app.status', input: {} });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    // A page's call half sent when the server is asked to stop; the connection asks to be kept alive.
    socket.write(`POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${ownOrigin()}\r\nCookie: ${launch}\r\n`
      + `x-vigil-launch: ${server.launchToken}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 6)}`);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const closing = server.close();
    socket.write(body.slice(6));
    await closing;
    await socketClosed;
    // Answered in full, then let go at once: not held open until the grace period cuts it.
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('"ok":true');
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS / 2);
  }, 15_000);
});
