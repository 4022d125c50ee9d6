// Hostile HTTP requests and WebSocket frames against a real browser-mode server on 127.0.0.1:
// whatever arrives, the server stays up and answers a valid call after every batch, never answers
// 500, never INTERNAL, and every refusal is typed (a known 4xx status, a typed error body on the
// api, a WebSocket close code that says why). Channels themselves are fuzzed in fuzz.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type RunningWebServer } from '../../../src-main/ipc/web-server';
import { ERROR_CODES, isWireError, type InvokeResult } from '../../../src-shared/errors';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
let server: RunningWebServer;
let workDir: string;
let launch: string;
let session: string;

const tally = { inputs: 0, typed: 0, crashes: 0, http500: 0, internal: 0 };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'vigil-transport-fuzz-'));
  mkdirSync(join(workDir, 'renderer'));
  writeFileSync(join(workDir, 'renderer', 'index.html'), '<!doctype html><title>shell</title>\n');
  vault = makeTestVault();
  await setUpVault(vault);
  server = await startWebServer({ core: vault.core, staticDir: join(workDir, 'renderer'), port: 0 });
  const opened = await send({ method: 'GET', path: `/?token=${server.launchToken}`, headers: {} });
  launch = cookieOf(opened.setCookie, 'vigil_launch');
  const login = await send({
    method: 'POST', path: '/api/invoke',
    headers: { 'content-type': 'application/json', cookie: launch, 'x-vigil-launch': server.launchToken },
    body: Buffer.from(JSON.stringify({ channel: 'auth.login', input: { username: ADMIN.username, password: ADMIN.password } })),
  });
  session = cookieOf(login.setCookie, 'vigil_session');
});

afterAll(async () => {
  await server?.close();
  vault?.dispose();
  rmSync(workDir, { recursive: true, force: true });
  console.log(`transport fuzz: ${tally.inputs} inputs tried → ${tally.typed} typed errors, ${tally.crashes} crashes, ${tally.http500} HTTP 500, ${tally.internal} INTERNAL`);
});

function cookieOf(lines: string[], name: string): string {
  const line = lines.find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie`);
  return line.split(';')[0] ?? '';
}

interface HttpCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface HttpReply {
  status: number;
  body: string;
  setCookie: string[];
}

function send(request: HttpCase): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1', port: server.port, path: request.path, method: request.method, agent: false,
      headers: { host: `127.0.0.1:${server.port}`, ...request.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie'] ?? [] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Bytes straight onto a TCP connection (what an HTTP client library would refuse to send). */
function sendRaw(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(bytes);
    // Half-close: a server waiting for more of a request answers or gives up now.
    socket.end();
  });
}

/** A known refusal: a 4xx the server means, with a typed error body on the api. */
const REFUSAL_STATUSES = new Set([400, 403, 404, 405, 413, 415, 421, 431]);

function judgeHttp(request: HttpCase, reply: HttpReply): void {
  tally.inputs++;
  if (reply.status >= 500) tally.http500++;
  expect(reply.status, `${request.method} ${request.path}`).toBeLessThan(500);
  if (reply.status >= 400) {
    expect(REFUSAL_STATUSES, `${request.method} ${request.path} → ${reply.status}`).toContain(reply.status);
    if (request.path.startsWith('/api/') && request.method !== 'HEAD') {
      const parsed = JSON.parse(reply.body) as InvokeResult<unknown>;
      expect(!parsed.ok && isWireError(parsed.error), reply.body).toBe(true);
    }
    tally.typed++;
    return;
  }
  if (request.path === '/api/invoke' && request.method === 'POST') {
    const result = JSON.parse(reply.body) as InvokeResult<unknown>;
    if (!result.ok) {
      if (result.error.code === 'INTERNAL') tally.internal++;
      expect(ERROR_CODES).toContain(result.error.code);
      expect(result.error.code, reply.body).not.toBe('INTERNAL');
      expect(reply.body).not.toMatch(/\n\s+at /);
      tally.typed++;
    }
  }
}

/** The valid call that must work after every batch; a server that stopped answering counts as a crash. */
async function stillServing(): Promise<void> {
  const reply = await send({
    method: 'POST', path: '/api/invoke',
    headers: { 'content-type': 'application/json', cookie: `${launch}; ${session}`, 'x-vigil-launch': server.launchToken },
    body: Buffer.from(JSON.stringify({ channel: 'app.status', input: {} })),
  }).catch((error: unknown) => {
    tally.crashes++;
    throw error;
  });
  expect(reply.status).toBe(200);
  const result = JSON.parse(reply.body) as InvokeResult<{ initialized: boolean }>;
  expect(result).toMatchObject({ ok: true, value: { initialized: true } });
}

const nested = (depth: number, open: string, close: string, leaf: string) => `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
const HUGE = Buffer.alloc(3 * 1024 * 1024, 0x61);
// Session-ending channels would end the session the valid call relies on.
const channelName = fc.constantFrom(
  'app.status', 'alerts.list', 'alerts.count', 'search.query', 'investigations.list', 'audit.list', 'users.list', 'auth.login',
  'uploads.chunk', 'alerts.importUpload', 'no.such', '__proto__', 'constructor', '', '\u0000',
);
const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom('', '\u0000', 'a\u0000b', '"\u0000', '__proto__', "'; DROP TABLE users; --", '😀', '\ud800', 'x'.repeat(10_000)),
);
const hostileInput = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.constantFrom('text', 'query', 'source', 'rule', 'action', 'limit', 'after', 'username', 'password', 'uploadId', 'mapping', '__proto__'), fc.oneof(hostileText, fc.anything())),
);
const body: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom('null', '[]', '{}', '""', '0', 'true', '{"channel":null}', '{"channel":"app.status","input":null}',
    '{"__proto__":{"channel":"users.list"}}', '{"channel":"alerts.list","input":{"text":"a\\u0000b"}}', '[{"channel":"app.status"}]')
    .map((text) => Buffer.from(text)),
  fc.record({ channel: channelName, input: hostileInput }).map((envelope) => Buffer.from(JSON.stringify(envelope))),
  fc.string().map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(1_000, 100_000).chain((depth) => fc.constantFrom(
    `{"channel":"alerts.list","input":{"after":${nested(depth, '[', ']', '')}}}`,
    `{"channel":"alerts.list","input":${nested(depth, '{"a":', '}', '1')}}`,
    nested(depth, '[', ']', ''),
  )).map((text) => Buffer.from(text)),
  // Raw NUL and invalid UTF-8 inside an otherwise valid envelope.
  fc.constantFrom(
    Buffer.from('{"channel":"alerts.list","input":{"text":"a\u0000b"}}'),
    Buffer.concat([Buffer.from('{"channel":"alerts.list","input":{"text":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}}')]),
  ),
  fc.constant(HUGE),
);
const httpCase: fc.Arbitrary<HttpCase> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
  path: fc.oneof(
    fc.constantFrom('/', '/api/invoke', '/api/events', '/api/', '/api/invoke/x', '/%00', '/%E0%A4%A', '//[', '//%', '/..%2f..%2fetc%2fpasswd',
      '/?token=', '/?token=wrong', '/api/invoke?token=x', '/index.html', '*'),
    fc.string({ maxLength: 40 }).map((text) => `/${encodeURIComponent(text)}`),
  ),
  headers: fc.record({
    host: fc.constantFrom('own', 'own', 'own', 'localhost', 'evil.example', ''),
    origin: fc.constantFrom('none', 'none', 'own', 'http://evil.example', 'null', 'http://127.0.0.1:1'),
    cookie: fc.constantFrom('both', 'both', 'launch', 'none', 'vigil_launch=%E0%A4%A', 'vigil_launch=; vigil_session=x', `vigil_session=${'x'.repeat(4000)}`),
    launchHeader: fc.constantFrom('right', 'right', 'none', 'wrong', ''),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'none', 'multipart/form-data'),
  }).map((h) => {
    const headers: Record<string, string> = {};
    if (h.host === 'own') headers.host = `127.0.0.1:${server.port}`;
    else if (h.host === 'localhost') headers.host = `localhost:${server.port}`;
    else headers.host = h.host;
    if (h.origin === 'own') headers.origin = `http://127.0.0.1:${server.port}`;
    else if (h.origin !== 'none') headers.origin = h.origin;
    if (h.cookie === 'both') headers.cookie = `${launch}; ${session}`;
    else if (h.cookie === 'launch') headers.cookie = launch;
    else if (h.cookie !== 'none') headers.cookie = h.cookie;
    if (h.launchHeader === 'right') headers['x-vigil-launch'] = server.launchToken;
    else if (h.launchHeader !== 'none') headers['x-vigil-launch'] = h.launchHeader === 'wrong' ? 'a-guess' : '';
    if (h.contentType !== 'none') headers['content-type'] = h.contentType;
    return headers;
  }),
  body: fc.option(body, { nil: undefined }),
});

/** Requests no client library would send: broken request lines, headers and framing. */
const rawRequest: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\u0000b\r\n\r\n',
    'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`,
    'POST /api/invoke HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'POST /api/invoke HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nnull',
    'GET / HTTP/9.9\r\n\r\n',
    'GARBAGE\r\n\r\n',
    'GET /api/events HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
  ).map((text) => Buffer.from(text, 'latin1')),
);

describe('hostile HTTP', () => {
  it('answers random requests with typed refusals or typed results: no 500, no INTERNAL, still serving', async () => {
    for (let batch = 0; batch < 4; batch++) {
      await fc.assert(fc.asyncProperty(httpCase, async (request) => {
        judgeHttp(request, await send(request));
      }), { numRuns: 100, seed: 4242 + batch });
      await stillServing();
    }
  });

  it('survives requests no client library would send', async () => {
    await fc.assert(fc.asyncProperty(rawRequest, async (bytes) => {
      const reply = await sendRaw(bytes);
      tally.inputs++;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1];
      if (status !== undefined) {
        if (Number(status) >= 500) tally.http500++;
        expect(Number(status), reply.slice(0, 200)).toBeLessThan(500);
        if (Number(status) >= 400) tally.typed++;
      }
    }), { numRuns: 80, seed: 99 });
    await stillServing();
  });
});

type Frame =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Buffer }
  | { kind: 'badUtf8' }
  | { kind: 'oversized' }
  | { kind: 'fragments'; parts: string[] }
  | { kind: 'hello'; right: boolean };

const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc.oneof(fc.string(), fc.constantFrom('{', 'null', '[]', '{"type":"hello"}', '{"type":"hello","launchToken":7}', '\u0000', '{"type":"hello","launchToken":"\u0000"}'))
    .map((data): Frame => ({ kind: 'text', data })),
  fc.uint8Array({ maxLength: 300 }).map((bytes): Frame => ({ kind: 'binary', data: Buffer.from(bytes) })),
  fc.constant<Frame>({ kind: 'badUtf8' }),
  fc.constant<Frame>({ kind: 'oversized' }),
  fc.array(fc.string({ maxLength: 30 }), { minLength: 2, maxLength: 5 }).map((parts): Frame => ({ kind: 'fragments', parts })),
  fc.boolean().map((right): Frame => ({ kind: 'hello', right })),
);

/** Close codes that say why: normal, policy (no hello), unsupported data, bad UTF-8, too big, protocol error. */
const TYPED_CLOSES = new Set([1000, 1002, 1003, 1007, 1008, 1009]);

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      headers: { cookie: `${launch}; ${session}` }, origin: `http://127.0.0.1:${server.port}`,
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function sendFrame(socket: WebSocket, item: Frame): void {
  if (item.kind === 'text') socket.send(item.data);
  else if (item.kind === 'binary') socket.send(item.data, { binary: true });
  else if (item.kind === 'badUtf8') socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff]), { binary: false });
  else if (item.kind === 'oversized') socket.send('x'.repeat(70 * 1024));
  else if (item.kind === 'hello') socket.send(JSON.stringify({ type: 'hello', launchToken: item.right ? server.launchToken : 'a-guess' }));
  else item.parts.forEach((part, i) => socket.send(part, { fin: i === item.parts.length - 1 }));
}

/** Raw bytes after a real handshake: unmasked frames, reserved opcodes and bits, lying lengths. */
function rawFramesAfterHandshake(bytes: Buffer): Promise<{ upgraded: boolean; closeCode: number | null }> {
  return new Promise((resolve) => {
    const key = randomBytes(16).toString('base64');
    const socket = connect(server.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (!upgraded && end !== -1) {
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        upgraded = received.subarray(0, end).toString('latin1').includes(accept);
        received = received.subarray(end + 4);
        if (upgraded) socket.end(bytes);
      }
    });
    socket.on('close', () => {
      // A close frame from the server: 0x88, a length, then the code.
      const code = received[0] === 0x88 && received.length >= 4 ? received.readUInt16BE(2) : null;
      resolve({ upgraded, closeCode: code });
    });
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\n` +
      `Cookie: ${launch}; ${session}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`);
  });
}

describe('hostile WebSocket frames', () => {
  it('closes a socket that sends bad frames with a code that says why, and keeps serving everyone else', async () => {
    for (let batch = 0; batch < 3; batch++) {
      await fc.assert(fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
        const socket = await openSocket();
        // Either the socket is refused (closed with a code) or its first message was the right
        // hello and the server says ready; nothing else.
        const outcome = new Promise<'ready' | number>((resolve) => {
          socket.once('close', (code: number) => resolve(code));
          socket.once('message', (data: Buffer) => {
            expect(JSON.parse(data.toString('utf8'))).toEqual({ type: 'ready' });
            resolve('ready');
          });
        });
        socket.on('error', () => undefined);
        for (const item of frames) {
          if (socket.readyState !== socket.OPEN) break;
          tally.inputs++;
          sendFrame(socket, item);
        }
        // Frames that were no hello at all (every part of a fragmented message, say) end here.
        if (socket.readyState === socket.OPEN) socket.send('{"type":"hello","launchToken":"a-guess"}');
        const result = await outcome;
        socket.terminate();
        if (result === 'ready') {
          expect(frames[0]).toEqual({ kind: 'hello', right: true });
          return;
        }
        expect(TYPED_CLOSES, `close ${result}`).toContain(result);
        tally.typed++;
      }), { numRuns: 40, seed: 777 + batch });
      await stillServing();
    }
  });

  it('answers raw frames no client library would send by closing that socket only', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
      const outcome = await rawFramesAfterHandshake(Buffer.from(bytes));
      tally.inputs++;
      expect(outcome.upgraded).toBe(true);
      if (outcome.closeCode !== null) {
        expect(TYPED_CLOSES, `close ${outcome.closeCode}`).toContain(outcome.closeCode);
        tally.typed++;
      }
    }), { numRuns: 60, seed: 31 });
    await stillServing();
  });
});
