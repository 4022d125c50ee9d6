// Executing an action calls the hook an administrator configured for its kind (a loopback server
// here), records the answer as a note on the investigation, and never lets a slow or failing far end
// undo the record. Only administrators configure hooks; addresses are https or loopback http.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertEntity, insertInvestigation, vaultDb } from './workspace-fixtures';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let investigationId: string;
let account: string;
let server: Server;
let base: string;
const received: { path: string; body: Record<string, unknown> }[] = [];

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      received.push({ path: request.url ?? '', body });
      if (request.url === '/slow') return; // never answers: the hook's timeout must end the wait
      response.statusCode = request.url === '/broken' ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  const db = vaultDb(vault);
  investigationId = insertInvestigation(db);
  account = insertEntity(db, 'account', 'acct-99120044');
});
afterAll(async () => {
  vault.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const warn = async () => analyst.invoke('actions.propose', { investigationId, kind: 'warn_user', targetEntityIds: [account], reason: 'Repeated spam from this account' });
const notes = async () => (await admin.invoke('notes.list', { investigationId })).map((n) => n.body);
const hookWarnUser = (path: string, timeoutSeconds = 5) => admin.invoke('actionHooks.update', { hooks: { warn_user: { url: `${base}${path}`, timeoutSeconds } } });

describe('action hooks', () => {
  it('lets only an administrator configure them, and only with https or loopback http and no credentials', async () => {
    expect(await errorCodeOf(analyst.invoke('actionHooks.update', { hooks: {} }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(analyst.invoke('actionHooks.get', {}))).toBe('FORBIDDEN');
    expect(await errorCodeOf(admin.invoke('actionHooks.update', { hooks: { warn_user: { url: 'http://enforcement.example/hook' } } }))).toBe('VALIDATION');
    expect(await errorCodeOf(admin.invoke('actionHooks.update', { hooks: { warn_user: { url: 'https://user:secret@enforcement.example/hook' } } }))).toBe('VALIDATION');
    expect(await errorCodeOf(admin.invoke('actionHooks.update', { hooks: { warn_user: { url: 'https://enforcement.example/hook', timeoutSeconds: 600 } } }))).toBe('VALIDATION');
    const saved = await admin.invoke('actionHooks.update', { hooks: { warn_user: { url: 'https://enforcement.example/hook?token=abc' } } });
    expect(saved.hooks.warn_user).toEqual({ url: 'https://enforcement.example/hook?token=abc', timeoutSeconds: 10 });
    expect(await analyst.invoke('actionHooks.configured', {})).toEqual({ kinds: ['warn_user'] });
    // The audit row names the hooked kinds, never the address (it may carry a token).
    const audit = await admin.invoke('audit.list', { action: 'actionHooks.update', limit: 5 });
    expect(JSON.stringify(audit)).not.toContain('token=abc');
    expect(JSON.stringify(audit)).toContain('warn_user');
  });

  it('calls the hook on execute with the action and its real target values, and notes the answer', async () => {
    await hookWarnUser('/ok');
    received.length = 0;
    const action = await warn();
    const executed = await analyst.invoke('actions.execute', { actionId: action.id });
    expect(executed.status).toBe('executed');
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/ok');
    expect(received[0]?.body).toMatchObject({ actionId: action.id, kind: 'warn_user', executedBy: 'ann', targets: [{ kind: 'account', value: 'acct-99120044' }] });
    expect(String(received[0]?.body['investigationKey'])).toMatch(/^INV-/);
    expect((await notes()).at(-1)).toMatch(/^Action hook for “warn user” called: it answered HTTP 204/);
  });

  it('keeps the action executed and notes the failure when the hook answers an error or not at all', async () => {
    await hookWarnUser('/broken');
    const broken = await warn();
    expect((await analyst.invoke('actions.execute', { actionId: broken.id })).status).toBe('executed');
    expect((await notes()).at(-1)).toContain('failed: it answered HTTP 500');

    await hookWarnUser('/slow', 1);
    const slow = await warn();
    const started = Date.now();
    expect((await analyst.invoke('actions.execute', { actionId: slow.id })).status).toBe('executed');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await notes()).at(-1)).toContain('failed: it gave no answer within 1 s');
  });

  it('calls nothing for a kind without a hook', async () => {
    await admin.invoke('actionHooks.update', { hooks: {} });
    received.length = 0;
    const before = (await notes()).length;
    const action = await warn();
    await analyst.invoke('actions.execute', { actionId: action.id });
    expect(received).toEqual([]);
    expect(await notes()).toHaveLength(before);
  });
});
