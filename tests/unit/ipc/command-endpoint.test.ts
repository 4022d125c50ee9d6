// The holder's command endpoint: read-only channels with an API token, each call a token sign-in of
// its own that ends with it; writes, a missing or wrong token or key, a foreign Host or a page are refused.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_CLIENT, openCommandEndpoint, type CommandEndpoint } from '../../../src-main/ipc/command-endpoint';
import {
  ENDPOINT_CHALLENGE_HEADER, ENDPOINT_KEY_HEADER, endpointPath, endpointProof, readEndpointFile, type EndpointRecord,
} from '../../../src-main/ipc/command-endpoint-file';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
let admin: InProcessClient;
let endpoint: CommandEndpoint;
let record: EndpointRecord;
let token = '';

beforeEach(async () => {
  vault = makeTestVault();
  admin = (await setUpVault(vault)).admin;
  token = (await admin.invoke('tokens.create', { name: 'script', role: 'admin' })).token;
  endpoint = openCommandEndpoint(vault.core);
  expect(await endpoint.ready).not.toBeNull();
  record = readEndpointFile(vault.dir) ?? (() => { throw new Error('no endpoint file'); })();
});

afterEach(async () => {
  await endpoint.close();
  vault.dispose();
});

interface Reply { status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }

/** A raw request, so a test can send any Host (fetch does not let it). */
function call(options: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: record.port, path: options.path ?? '/invoke', method: options.method ?? 'POST',
      headers: { host: `127.0.0.1:${record.port}`, 'content-type': 'application/json', ...options.headers },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call({
    headers: { authorization: `Bearer ${token}`, [ENDPOINT_KEY_HEADER]: record.key, ...headers },
    body: JSON.stringify({ channel, input }),
  });
}

describe('the command endpoint', () => {
  it('is announced in an owner-only vigil.endpoint with this pid, removed when it closes', async () => {
    expect(record.pid).toBe(process.pid);
    if (process.platform !== 'win32') expect(statSync(endpointPath(vault.dir)).mode & 0o777).toBe(0o600);
    const challenge = randomBytes(24).toString('base64url');
    const hello = await call({ path: '/hello', method: 'GET', headers: { [ENDPOINT_CHALLENGE_HEADER]: challenge } });
    expect(hello.body.value).toEqual({ pid: process.pid, proof: endpointProof(record.key, challenge) });
    await endpoint.close();
    expect(existsSync(endpointPath(vault.dir))).toBe(false);
  });

  it('serves a read-only channel as a token sign-in that ends with the call', async () => {
    const reply = await invoke('users.list', {});
    expect(reply.status).toBe(200);
    expect((reply.body.value as { username: string }[]).map((u) => u.username)).toEqual(['ada']);
    // Only the admin's own session is left.
    expect(vault.core.services.sessions.list().map((s) => s.client)).toEqual(['test']);
    const { entries } = await admin.invoke('audit.list', { limit: 20 });
    const signIn = entries.find((e) => e.action === 'auth.token_login');
    expect(signIn?.outcome).toBe('success');
    expect(signIn?.details.client).toBe(COMMAND_CLIENT);
    const ended = entries.find((e) => e.action === 'session.ended' && e.target === signIn?.target);
    expect(ended?.details.reason).toBe('logout');
  });

  it('refuses a write channel before signing in, and writes nothing', async () => {
    const reply = await invoke('users.create', { username: 'mallory', displayName: 'M', role: 'admin' });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('FORBIDDEN');
    expect(reply.body.error?.message).toContain('Writes cannot go through the running app');
    expect((await admin.invoke('users.list', {})).map((u) => u.username)).toEqual(['ada']);
    const { entries } = await admin.invoke('audit.list', { limit: 20 });
    expect(entries.some((e) => e.action === 'auth.token_login')).toBe(false);
  });

  it('refuses a missing or wrong token, a missing key, a foreign Host, a page, and bodies that are too large or not JSON', async () => {
    const noToken = await invoke('users.list', {}, { authorization: '' });
    expect([noToken.status, noToken.body.error?.code]).toEqual([401, 'AUTH_REQUIRED']);
    const wrongToken = await invoke('users.list', {}, { authorization: `Bearer vigil_${'A'.repeat(43)}` });
    expect(wrongToken.body.error?.code).toBe('INVALID_CREDENTIALS');
    expect(wrongToken.body.value).toBeUndefined();
    const noKey = await invoke('users.list', {}, { [ENDPOINT_KEY_HEADER]: 'x'.repeat(43) });
    expect([noKey.status, noKey.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    const foreignHost = await invoke('users.list', {}, { host: `attacker.example:${record.port}` });
    expect([foreignHost.status, foreignHost.body.error?.code]).toEqual([421, 'FORBIDDEN']);
    const page = await invoke('users.list', {}, { origin: 'http://attacker.example' });
    expect(page.status).toBe(403);
    const notJson = await call({ headers: { authorization: `Bearer ${token}`, [ENDPOINT_KEY_HEADER]: record.key }, body: '{"channel":' });
    expect([notJson.status, notJson.body.error?.code]).toEqual([400, 'VALIDATION']);
    const huge = await invoke('users.list', { padding: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    // None of these left a session behind.
    expect(vault.core.services.sessions.list().map((s) => s.client)).toEqual(['test']);
  });
});
