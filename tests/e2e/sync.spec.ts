// Two vaults syncing through a real sync server, driven from the window: both enrolled through the
// Sync screen's form, a case created in A reaching B on "Sync now", the server going down (both
// indicators say Offline), the same title edited differently in each meanwhile, the conflict shown
// on the Sync screen with both values after the server is back, resolved in one vault, and both
// agreeing once synced. Cases are created and edited through the channels the screens use; the sync
// itself is driven only through the UI. The screenshots add the Devices panel with a device whose
// audit log no longer matches the server's copy.
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { captureBothThemes, expectPage, invokeOk, setUpThroughWizard } from './support/app';
import { startSlowLink, type SlowLink } from './support/slow-link';
import { startVigil, type VigilServer } from './support/vigil-server';
import { startSyncServer, type SyncServer } from './support/sync-server';

let server: SyncServer;
let link: SlowLink | null = null;
const vaults: VigilServer[] = [];

test.afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.stop()));
  await link?.close();
  link = null;
  await server?.dispose();
});

async function vaultPage(browser: Browser): Promise<Page> {
  const vault = await startVigil();
  vaults.push(vault);
  const page = await (await browser.newContext()).newPage();
  await setUpThroughWizard(page, vault.url);
  return page;
}

async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Sync/ }).click();
  await expectPage(page, 'sync');
}

/** Enrols through the Sync screen's form with the server's address (or `url`, the server through a link). */
async function enrolThroughForm(page: Page, token: string, deviceName: string, url = server.url): Promise<void> {
  await openSync(page);
  // A vault that does not sync shows no indicator.
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
  await page.getByTestId('sync-enrol-url').fill(url);
  await page.getByTestId('sync-enrol-token').fill(token);
  await page.getByTestId('sync-enrol-device').fill(deviceName);
  await page.getByTestId('sync-enrol-submit').click();
  await expect(page.getByTestId('sync-server-url')).toHaveText(url);
}

/** Clicks Sync now and waits for the round's outcome in the status panel. */
async function syncNow(page: Page, state: 'idle' | 'offline'): Promise<void> {
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', state);
  await expect(page.getByTestId('sync-now')).toBeEnabled();
}

async function titleIn(page: Page, investigationId: string): Promise<string> {
  return (await invokeOk<{ title: string }>(page, 'investigations.get', { investigationId })).title;
}

test('two vaults sync a case, go offline with the server, raise a title conflict and settle it from the Sync screen', async ({ browser }) => {
  server = await startSyncServer();
  const [tokenA = ''] = await server.enrolTokens('Acme fraud team', ['Ana']);
  const [a, b] = await Promise.all([vaultPage(browser), vaultPage(browser)]);
  if (!a || !b) throw new Error('no vault pages');

  // A bad token is refused with words, not a code, and the form stays.
  await openSync(a);
  await a.getByTestId('sync-enrol-url').fill(server.url);
  await a.getByTestId('sync-enrol-token').fill('x'.repeat(40));
  await a.getByTestId('sync-enrol-device').fill('Ana laptop');
  await a.getByTestId('sync-enrol-submit').click();
  await expect(a.getByRole('alert').filter({ hasText: 'enrolment token is not valid' })).toBeVisible();

  await enrolThroughForm(a, tokenA, 'Ana laptop');
  // Ana, an admin at the server, adds Ben and hands him a token from her Sync screen.
  const tokenB = await memberTokenFrom(a, 'Ben');
  await enrolThroughForm(b, tokenB, 'Ben laptop');
  // Who and where, as the server says it.
  await expect(a.getByTestId('sync-organisation')).toHaveText('Acme fraud team');
  await expect(a.getByTestId('sync-server')).toContainText('Ana');
  // A read the device list before B enrolled; Refresh asks the server again.
  await a.getByTestId('sync-devices').getByRole('button', { name: 'Refresh' }).click();
  await expect(a.getByTestId('sync-devices').getByTestId('sync-device-row')).toHaveCount(2);

  const created = await invokeOk<{ id: string }>(a, 'investigations.create', { title: 'Card testing' });
  await syncNow(a, 'idle');
  await expect(a.getByTestId('sync-pending')).toHaveText('nothing waiting to send');
  // The second round's hello brings the audit head the first one sent: the log here still holds it.
  await syncNow(a, 'idle');
  await expect(a.getByTestId('sync-audit')).toHaveAttribute('data-matches', 'true');
  await expect(a.getByTestId('sync-audit')).toContainText('as sent to the server');
  await syncNow(b, 'idle');
  await b.goto(`${new URL(b.url()).origin}/#investigation/${created.id}`);
  await expect(b.getByTestId('investigation-title')).toHaveText('Card testing');

  await server.stop();
  await openSync(b);
  await syncNow(a, 'offline');
  await syncNow(b, 'offline');
  for (const page of [a, b]) await expect(page.getByTestId('sync-indicator')).toContainText('Offline');

  await invokeOk(a, 'investigations.update', { investigationId: created.id, title: 'Card testing ring' });
  await invokeOk(b, 'investigations.update', { investigationId: created.id, title: 'Card testing (merchant)' });
  await expect(a.getByTestId('sync-indicator-pending')).toBeVisible();

  await server.restart();
  await syncNow(a, 'idle');
  await syncNow(b, 'idle');
  await syncNow(a, 'idle');

  for (const page of [a, b]) {
    const conflict = page.getByTestId('sync-conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict.getByRole('link', { name: /Card testing/ })).toBeVisible();
    expect((await conflict.getByTestId('sync-side-value').allInnerTexts()).sort()).toEqual(['Card testing (merchant)', 'Card testing ring']);
    await expect(page.getByTestId('sync-conflicts-count')).toHaveText(/1$/);
  }

  // This vault's side is listed first in each vault, with its own value.
  await expect(a.getByTestId('sync-side-value').first()).toHaveText('Card testing ring');
  await expect(b.getByTestId('sync-side-value').first()).toHaveText('Card testing (merchant)');
  // B settles it by taking A's title; the resolution travels to A.
  await b.getByTestId('sync-conflict').getByRole('button', { name: 'Take the other' }).click();
  await expect(b.getByTestId('sync-conflicts-empty')).toBeVisible();
  await syncNow(b, 'idle');
  await syncNow(a, 'idle');
  await expect(a.getByTestId('sync-conflicts-empty')).toBeVisible();
  await expect(a.getByTestId('sync-conflicts-count')).toHaveCount(0);
  expect(await titleIn(a, created.id)).toBe('Card testing ring');
  expect(await titleIn(b, created.id)).toBe('Card testing ring');
});
/** Adds a member (analyst) on the Sync screen's Members panel and reads the enrolment token it shows once; the dialog is left closed. */
async function memberTokenFrom(page: Page, name: string, { keepOpen = false } = {}): Promise<string> {
  const members = page.getByTestId('sync-members');
  await members.getByTestId('sync-member-add').click();
  await page.getByTestId('sync-member-name').fill(name);
  await page.getByTestId('sync-member-role').selectOption('analyst');
  await page.getByTestId('sync-member-add-submit').click();
  const row = members.getByTestId('sync-member-row').filter({ hasText: name });
  await expect(row).toContainText('Analyst');
  await row.getByTestId('sync-member-token').click();
  const token = (await page.getByTestId('sync-member-token-value').textContent()) ?? '';
  expect(token.length).toBeGreaterThanOrEqual(16);
  if (!keepOpen) {
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // Focus goes back where the dialog was opened from.
    await expect(row.getByTestId('sync-member-token')).toBeFocused();
  }
  return token;
}

/**
 * The Sync screen at 1440 and 800 px in both themes, axe-scanned at each width; with `section`, that
 * panel at the top of the screen's scrolling area, and only it scanned (the screen was scanned whole
 * before).
 */
async function shoot(page: Page, name: string, section?: string): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    // Into view inside <main>, then the window back to the top so the app's header stays in the picture.
    if (section) await page.getByTestId(section).evaluate((panel) => { panel.scrollIntoView({ block: 'start' }); window.scrollTo(0, 0); });
    // The page scrolls inside <main>: the viewport is what a person sees.
    await captureBothThemes(page, `sync-${name}-${width}`, { fullPage: false, axeInclude: section && `[data-testid="${section}"]` });
  }
  await page.setViewportSize({ width: 1360, height: 860 });
}

test('the Sync screen not enrolled, with a conflict, a device\'s audit mismatch, and offline passes axe and is captured at two widths in both themes', async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startSyncServer();
  const [tokenA = '', tokenB = ''] = await server.enrolTokens('Acme fraud team — Europe, Middle East and Africa', ['Ana Lovelace-Hopper', 'Ben']);
  const [a, b] = await Promise.all([vaultPage(browser), vaultPage(browser)]);
  if (!a || !b) throw new Error('no vault pages');

  await openSync(a);
  await shoot(a, '01-not-enrolled');
  await enrolThroughForm(a, tokenA, 'Ana — analyst workstation in the Lisbon office, second floor');
  await enrolThroughForm(b, tokenB, 'Ben laptop');
  const long = 'Card testing ring across three merchants in Lisbon, Porto and Madrid using one shared device fingerprint';
  const created = await invokeOk<{ id: string }>(a, 'investigations.create', { title: long });
  await syncNow(a, 'idle');
  await syncNow(b, 'idle');
  await invokeOk(a, 'investigations.update', { investigationId: created.id, title: `${long} (ring)` });
  await invokeOk(b, 'investigations.update', { investigationId: created.id, title: 'Card testing (merchant)' });
  await syncNow(a, 'idle');
  await syncNow(b, 'idle');
  await syncNow(a, 'idle');
  await a.getByTestId('sync-devices').getByRole('button', { name: 'Refresh' }).click();
  await expect(a.getByTestId('sync-devices').getByTestId('sync-device-row')).toHaveCount(2);
  await expect(a.getByTestId('sync-conflict')).toHaveCount(1);
  await shoot(a, '02-enrolled-conflict');
  await shoot(a, '04-members', 'sync-members');
  await memberTokenFrom(a, 'Chidimma Okonkwo-Vasquez, fraud analyst on the night rota', { keepOpen: true });
  await shoot(a, '05-member-token', 'sync-members');
  await a.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

  // Ben's device as the server marks one whose audit log no longer follows its copy (written into
  // its database; the detection itself is the unit tests'), then revoked: the row says both.
  server.markAuditMismatch('Ben laptop', { at: Date.now() - 3 * 3_600_000, seq: 1204, reason: 'rewritten' });
  const devices = a.getByTestId('sync-devices');
  await devices.getByRole('button', { name: 'Refresh' }).click();
  const ben = devices.getByTestId('sync-device-row').filter({ hasText: 'Ben laptop' });
  await expect(ben).toHaveAttribute('data-audit-mismatch', 'yes');
  await expect(ben.getByText('Audit log changed', { exact: true })).toBeVisible();
  await expect(ben.getByTestId('sync-device-audit')).toHaveText('Entries deleted or rewritten at or before entry\u00a01,204. Last found 3 h ago.');
  await expect(devices.getByTestId('sync-device-row').filter({ hasText: 'Ana' })).toHaveAttribute('data-audit-mismatch', 'no');
  await shoot(a, '06-devices-audit-mismatch', 'sync-devices');
  await ben.getByRole('button', { name: 'Revoke…' }).click();
  await a.getByRole('dialog').getByRole('button', { name: 'Revoke device' }).click();
  await expect(ben).toHaveAttribute('data-revoked', 'yes');
  await expect(ben.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(ben.getByText('Audit log changed', { exact: true })).toBeVisible();
  await shoot(a, '07-devices-revoked-audit-mismatch', 'sync-devices');

  await server.stop();
  await invokeOk(a, 'investigations.update', { investigationId: created.id, title: 'Edited while the server is down' });
  await syncNow(a, 'offline');
  await expect(a.getByTestId('sync-indicator')).toContainText('Offline');
  await shoot(a, '03-offline');
});

/** An evidence file added to the case through the channels the evidence tab uses, 1 MB a call. */
async function addEvidenceFile(page: Page, investigationId: string, file: Buffer): Promise<void> {
  const { uploadId } = await invokeOk<{ uploadId: string }>(page, 'uploads.begin', { fileName: 'device-capture.pcap', size: file.length });
  for (let offset = 0; offset < file.length; offset += 1_000_000) {
    await invokeOk(page, 'uploads.chunk', { uploadId, offset, dataBase64: file.subarray(offset, offset + 1_000_000).toString('base64') });
  }
  await invokeOk(page, 'evidence.add', { investigationId, uploadId, mediaType: 'application/vnd.tcpdump.pcap', description: 'Capture from the shared device' });
}

test('an evidence file on its way to the server shows its progress on the Sync screen and in the indicator, and is captured', async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startSyncServer();
  // 2 MiB/s: a 1 MiB chunk about every half second, each one past the status's 250 ms between reports.
  link = await startSlowLink(server.url, 2 * 1024 * 1024);
  const [token = ''] = await server.enrolTokens('Acme fraud team', ['Ana']);
  const a = await vaultPage(browser);
  await enrolThroughForm(a, token, 'Ana laptop', link.url);
  await syncNow(a, 'idle');
  const created = await invokeOk<{ id: string }>(a, 'investigations.create', { title: 'Card testing ring' });
  await addEvidenceFile(a, created.id, randomBytes(6 * 1_048_575 + 1234));

  await a.getByTestId('sync-now').click();
  const files = a.getByTestId('sync-files');
  await expect(files).toContainText('Sending evidence file: 1 of 1');
  await expect(files).toContainText('of 6 MiB');
  const sent = () => files.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value);
  await expect.poll(sent, { timeout: 30_000 }).toBeGreaterThanOrEqual(2 * 1_048_575);
  // Held mid-file, so the screen stays as it is while it is checked and captured: once the chunk
  // already through the link is answered, nothing moves.
  link.hold();
  await expect.poll(async () => {
    const before = await sent();
    await a.waitForTimeout(600);
    return (await sent()) === before;
  }).toBe(true);
  await expect(files).toContainText(/\(\d+ %\)/);
  // The indicator's percent is the file's: this round's records are all in, so no first-sync bar stays beside it.
  const percent = /\((\d+) %\)/.exec((await files.textContent()) ?? '')?.[1];
  await expect(a.getByTestId('sync-indicator')).toContainText(`Syncing ${percent} %`);
  await expect(a.locator('#sync-progress-bar')).toHaveCount(0);
  await shoot(a, '08-evidence-file-moving', 'sync-status');

  link.release();
  await expect(a.getByTestId('sync-state')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(files).toHaveCount(0);
  await expect(a.getByTestId('sync-indicator')).not.toContainText('%');
});
