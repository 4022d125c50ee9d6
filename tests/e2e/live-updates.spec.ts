// Two analysts on one vault, each in their own browser: a verdict in one window shows in the
// other's queue within a second, in place (the row keeps its place, greyed, with its new status),
// the other's open alert detail says it no longer matches the filter, and an assignment rings the
// assignee's bell with a link to the alert.
import { expect, test } from '@playwright/test';
import { invokeOk, setUpThroughWizard, signInFirstTime, goTo as go } from './support/app';
import { importCsv } from './support/import-csv';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const PASSWORD = 'a long and private passphrase';

test('a verdict in one window shows in the other within a second; an assignment rings the bell', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await setUpThroughWizard(admin, server.url);
  await invokeOk(admin, 'demo.generate', { alerts: 300, seed: 7, days: 3, investigations: 0 });
  const { oneTimePassword } = await invokeOk<{ oneTimePassword: string }>(admin, 'users.create', { username: 'ann', displayName: 'Ann Example', role: 'analyst' });
  const ann = await signInFirstTime(browser, server.url, 'ann', oneTimePassword, PASSWORD);

  // Both look at the same queue: new alerts, newest first.
  await go(admin, 'triage/status=new', 'triage');
  await go(ann, 'triage/status=new', 'triage');
  const adminFirst = admin.getByTestId('vtable-row').first();
  const annFirst = ann.getByTestId('vtable-row').first();
  await expect(adminFirst).toContainText('new');
  const firstId = await annFirst.getAttribute('data-row-id');
  const countBefore = await admin.getByTestId('triage-count').innerText();

  // The admin has the first alert open in the detail panel.
  await admin.getByTestId('triage-table').focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByTestId('alert-detail')).toBeVisible();
  await expect(admin.getByTestId('alert-detail-left-filter')).toHaveCount(0);

  // Ann acknowledges it (focus starts on the first row).
  await ann.getByTestId('triage-table').focus();
  await ann.keyboard.press('a');
  await expect(annFirst).toContainText('acknowledged');

  // In the admin's window, within a second: the row stays in place, greyed, with its new status;
  // the count drops; the panel says the alert left the filter and offers the next one.
  await expect(adminFirst).toContainText('acknowledged', { timeout: 1000 });
  await expect(adminFirst).toHaveAttribute('data-row-id', firstId ?? '');
  await expect(adminFirst).toHaveClass(/triage-row--left/);
  await expect(admin.getByTestId('triage-count')).not.toHaveText(countBefore, { timeout: 1000 });
  await expect(admin.getByTestId('alert-detail-left-filter')).toContainText('No longer matches the filter (now acknowledged)', { timeout: 1000 });
  await admin.getByTestId('alert-detail-next').click();
  await expect(admin.getByTestId('alert-detail-left-filter')).toHaveCount(0);

  // The admin assigns an alert to Ann: her bell counts it at once, and its link opens the alert.
  await expect(ann.getByTestId('notification-count')).toHaveCount(0);
  const directory = await invokeOk<{ id: string; username: string }[]>(admin, 'users.directory', {});
  const annId = directory.find((user) => user.username === 'ann')?.id;
  const { rows } = await invokeOk<{ rows: { id: string }[] }>(admin, 'alerts.list', { status: ['new'], limit: 1, order: 'oldest' });
  await invokeOk(admin, 'alerts.bulk', { selection: { ids: [rows[0]?.id] }, action: { kind: 'assign', assigneeId: annId } });
  await expect(ann.getByTestId('notification-count')).toHaveText('1', { timeout: 1000 });
  await ann.getByTestId('notification-bell').click();
  const item = ann.getByTestId('notification-item').first();
  await expect(item).toContainText('assigned you 1 alert');
  await item.click();
  await expect(ann.getByTestId('alert-detail')).toBeVisible();
  await expect(ann.getByTestId('notification-count')).toHaveCount(0);
});

test('Home counts follow another analyst live; new alerts wait behind a notice instead of moving the rows', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await setUpThroughWizard(admin, server.url);
  await invokeOk(admin, 'demo.generate', { alerts: 120, seed: 4, days: 3, investigations: 0 });
  const { oneTimePassword } = await invokeOk<{ oneTimePassword: string }>(admin, 'users.create', { username: 'ann', displayName: 'Ann Example', role: 'analyst' });
  const ann = await signInFirstTime(browser, server.url, 'ann', oneTimePassword, PASSWORD);

  // The admin watches Home; Ann works the queue of new alerts.
  await go(admin, 'home', 'home');
  const untriaged = async () => Number(/([\d,]+) untriaged alerts?/.exec(await admin.getByTestId('overview-backlog').innerText())?.[1]?.replace(/,/g, '') ?? 'NaN');
  await expect(admin.getByTestId('overview-backlog')).toContainText(/untriaged alert/);
  const before = await untriaged();
  await go(ann, 'triage/status=new', 'triage');
  const annFirst = ann.getByTestId('vtable-row').first();
  await expect(annFirst).toContainText('new');
  await ann.getByTestId('triage-table').focus();
  await ann.keyboard.press('a');
  await expect(annFirst).toContainText('acknowledged');
  // Home re-reads in place, without a reload.
  await expect.poll(untriaged, { timeout: 2000 }).toBe(before - 1);

  // New alerts arrive (another import): Ann's rows stay where they are, a notice counts the newcomers.
  const firstId = await annFirst.getAttribute('data-row-id');
  const countBefore = await ann.getByTestId('triage-count').innerText();
  // An import, not the demo generator: the generator also gives recent alerts their verdicts, so how
  // many of its 30 wait as new depended on the hour the test ran (none, some nights).
  const now = Date.now();
  const arriving = Array.from({ length: 30 }, (_, i) => `late-${i},${new Date(now - i * 60_000).toISOString()},Late report ${i},medium,late-${i}`);
  await importCsv(admin, ['id,time,title,severity,rule', ...arriving].join('\n'), 'reports');
  const notice = ann.getByTestId('triage-new-alerts');
  await expect(notice).toHaveText(/^\d+ new alerts? — Show$/, { timeout: 2000 });
  await expect(ann.getByTestId('triage-count')).not.toHaveText(countBefore);
  await expect(annFirst).toHaveAttribute('data-row-id', firstId ?? '');
  // Show merges them in order and takes focus to the first new one.
  await notice.click();
  await expect(notice).toHaveCount(0);
  const focused = ann.locator('[data-testid="vtable-row"].is-focused');
  await expect(focused).toBeVisible();
  await expect(focused).toContainText('new');
  await expect(focused).not.toHaveAttribute('data-row-id', firstId ?? '');
});
