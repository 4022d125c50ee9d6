// The analyst's day, end to end in the browser mode: import alerts through the GUI with progress,
// triage by keyboard, promote three alerts into a new investigation, add a finding and an evidence
// file, propose a destructive action that a second person approves, close with a resolution, find
// the case with the global search, and check an analyst without access_pii sees masks and that
// their reveal is audited.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectPage, invokeFromPage, invokeOk, setUpThroughWizard, signInFirstTime, goTo as go } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const PASSWORD = 'a long and private passphrase';
const ROWS = 12_000;

/** A realistic alert export: credential stuffing against a few accounts, with PII in every row. */
function alertsCsv(): Buffer {
  const lines = ['alert_id,timestamp,rule,title,severity,user,src_ip,email'];
  const start = Date.UTC(2026, 10, 1);
  for (let i = 0; i < ROWS; i += 1) {
    const account = `u-${1000 + (i % 300)}`;
    const time = new Date(start + i * 97_000).toISOString();
    lines.push(`rep-${i},${time},credential-stuffing,Failed logins for ${account} from 198.51.100.${i % 250},${i % 7 === 0 ? 'critical' : 'high'},${account},198.51.100.${i % 250},${account}@mail.example`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function createUser(admin: Page, username: string, role: string): Promise<string> {
  const created = await invokeFromPage(admin, 'users.create', { username, displayName: `${username[0]?.toUpperCase()}${username.slice(1)} Example`, role });
  expect(created.ok).toBe(true);
  return (created.value as { oneTimePassword: string }).oneTimePassword;
}

test('import → keyboard triage → promote → finding and evidence → four-eyes action → close → search → masked analyst', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await (await browser.newContext()).newPage();
  await setUpThroughWizard(admin, server.url);
  const seniorPassword = await createUser(admin, 'sam', 'senior_analyst');
  const analystPassword = await createUser(admin, 'ann', 'analyst');

  // --- import through the GUI, with progress ---
  await go(admin, 'triage', 'triage');
  await admin.getByTestId('import-open').click();
  await admin.getByTestId('import-file').setInputFiles({ name: 'reports.csv', mimeType: 'text/csv', buffer: alertsCsv() });
  await admin.getByTestId('import-source').fill('user-reports');
  // The mapping step shows the detected columns; they are right for this file.
  await admin.getByTestId('import-next').click();
  await admin.getByTestId('import-start').click();
  await expect(admin.getByTestId('import-progress')).toBeVisible();
  await expect(admin.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await expect(admin.getByTestId('import-count-rows')).toContainText('12,000');
  await expect(admin.getByTestId('import-count-rejected')).toContainText('0');
  await admin.getByTestId('import-done').click();
  await expect(admin.getByTestId('triage-count')).toContainText(/alerts? match/);

  // --- keyboard triage: a verdict on the first row, then select three and promote ---
  const grid = admin.getByTestId('triage-table');
  await grid.focus();
  // Focus starts on the first row: j moves to the second, a acknowledges it and moves on.
  await admin.keyboard.press('j');
  await admin.keyboard.press('a');
  await expect(admin.getByTestId('vtable-row').nth(1)).toContainText('acknowledged');
  await admin.keyboard.press('x');
  await admin.keyboard.press('j');
  await admin.keyboard.press('x');
  await admin.keyboard.press('j');
  await admin.keyboard.press('x');
  await expect(admin.getByTestId('selection-count')).toContainText('3');
  await admin.keyboard.press('p');
  await expect(admin.getByTestId('promote-dialog')).toBeVisible();
  await admin.getByTestId('promote-title').fill('Credential stuffing against u-1000 cluster');
  await admin.getByTestId('promote-template').selectOption('account_takeover');
  await admin.getByTestId('promote-confirm').click();
  await expectPage(admin, 'investigation');
  const key = (await admin.getByTestId('investigation-key').innerText()).trim();
  expect(key).toMatch(/^INV-\d{4}-\d{4}$/);
  const investigationId = decodeURIComponent((await admin.evaluate(() => window.location.hash)).split('/')[1] ?? '');
  await expect(admin.getByRole('tab', { name: /^Alerts/ })).toContainText('3');
  // The template never lowers the severity below the promoted alerts' highest.
  const RANK = ['low', 'medium', 'high', 'critical'];
  const template = (await invokeOk<{ id: string; severity: string }[]>(admin, 'investigations.templates', {})).find((t) => t.id === 'account_takeover');
  const promoted = await invokeOk<{ rows: { severity: string }[] }>(admin, 'alerts.list', { investigationId, limit: 10 });
  const floor = Math.max(RANK.indexOf(template?.severity ?? 'low'), ...promoted.rows.map((row) => RANK.indexOf(row.severity)));
  expect((await invokeOk<{ severity: string }>(admin, 'investigations.get', { investigationId })).severity).toBe(RANK[floor]);

  // --- a finding (markdown) and an evidence file ---
  await admin.getByRole('tab', { name: /^Findings/ }).click();
  await admin.getByTestId('finding-add').click();
  await admin.getByTestId('finding-title').fill('Same source IP range across accounts');
  await admin.getByTestId('finding-body-input').fill('All three alerts come from **198.51.100.0/24**. <script>alert(1)</script>');
  await admin.getByTestId('finding-save').click();
  await expect(admin.getByTestId('finding').first()).toContainText('Same source IP range');
  await expect(admin.getByTestId('finding').first().locator('strong')).toHaveText('198.51.100.0/24');
  await expect(admin.getByTestId('finding').first().locator('script')).toHaveCount(0);

  await admin.getByRole('tab', { name: /^Evidence/ }).click();
  await admin.getByTestId('evidence-add').click();
  await admin.getByTestId('evidence-file').setInputFiles({ name: 'login-log.txt', mimeType: 'text/plain', buffer: Buffer.from('09:00 failed login u-1000 from 198.51.100.0\n') });
  await admin.getByTestId('evidence-description').fill('Raw login log from the reporting system');
  await admin.getByTestId('evidence-upload').click();
  await expect(admin.getByText('login-log.txt').first()).toBeVisible();
  await admin.getByTestId('evidence-verify').first().click();
  await expect(admin.getByText('Intact').first()).toBeVisible();

  // --- propose a destructive action; the proposer cannot approve it ---
  await admin.getByRole('tab', { name: /^Actions/ }).click();
  await admin.getByTestId('action-propose').click();
  await admin.getByTestId('action-kind').selectOption('suspend_account');
  await admin.getByTestId('action-target').first().check();
  await admin.getByTestId('action-reason').fill('Account used for credential stuffing from a known bad range');
  await admin.getByTestId('action-propose-submit').click();
  await expect(admin.getByTestId('action-card').first()).toHaveAttribute('data-action-status', 'proposed');
  await expect(admin.getByTestId('action-approve')).toHaveCount(0);

  // --- a senior analyst reviews the dry run and approves ---
  const senior = await signInFirstTime(browser, server.url, 'sam', seniorPassword, PASSWORD);
  // The navigation counts what awaits their approval, and the count goes once it is decided.
  await expect(senior.getByTestId('approvals-count')).toHaveText(/1$/);
  await go(senior, 'approvals', 'approvals');
  await expect(senior.getByTestId('dry-run').first()).toBeVisible();
  await expectAccessible(senior, 'approvals with a dry run');
  await senior.getByTestId('action-approve').first().click();
  await senior.getByTestId('action-approve-confirm').click();
  await expect(senior.getByTestId('approvals-list').getByTestId('action-card')).toHaveCount(0);
  await expect(senior.getByTestId('approvals-count')).toHaveCount(0);

  // --- the proposer executes it, then closes the case with a resolution ---
  await admin.reload();
  await expectPage(admin, 'investigation');
  await admin.getByRole('tab', { name: /^Actions/ }).click();
  await expect(admin.getByTestId('action-card').first()).toHaveAttribute('data-action-status', 'approved');
  await admin.getByTestId('action-execute').first().click();
  await expect(admin.getByTestId('action-execute-steps')).toBeVisible();
  await admin.getByTestId('action-execute-confirm').click();
  await expect(admin.getByTestId('action-card').first()).toHaveAttribute('data-action-status', 'executed');
  await admin.getByTestId('status-move-closed').click();
  await admin.getByTestId('status-resolution').selectOption('actioned');
  await admin.getByTestId('status-confirm').click();
  await expect(admin.getByTestId('investigation-status')).toContainText(/closed/i);

  // --- the global search finds it ---
  await admin.getByTestId('global-search').fill('"credential stuffing" cluster');
  await admin.getByTestId('global-search').press('Enter');
  await expectPage(admin, 'search');
  await expect(admin.getByTestId('search-hit').filter({ hasText: 'u-1000 cluster' }).first()).toBeVisible();

  // --- an analyst sees masks; a reveal needs a purpose and is audited ---
  const analyst = await signInFirstTime(browser, server.url, 'ann', analystPassword, PASSWORD);
  await go(analyst, `investigation/${investigationId}`, 'investigation');
  await analyst.getByRole('tab', { name: /^Entities/ }).click();
  const masked = analyst.getByTestId('masked-value').filter({ hasText: '@mail.example' }).first();
  await expect(masked).toContainText('***@mail.example');
  await expect(analyst.getByText(/u-1\d{3}@mail\.example/)).toHaveCount(0);
  await masked.getByTestId('pii-reveal').click();
  await analyst.getByTestId('pii-reveal-purpose').fill(`Reviewing ${key} before the suspension`);
  await analyst.getByTestId('pii-reveal-confirm').click();
  await expect(analyst.getByTestId('pii-revealed-value').first()).toContainText(/u-1\d{3}@mail\.example/);

  const audit = await invokeFromPage(admin, 'audit.list', { action: 'pii.reveal', limit: 10 });
  const entries = (audit.value as { entries: { actorName: string | null; details: Record<string, unknown> }[] }).entries;
  expect(entries.some((e) => e.actorName === 'ann' && String(e.details.purpose).includes(key))).toBe(true);
});
