// Page helpers shared by the end-to-end specs: screens the app signals through data attributes,
// direct invokes from inside the page (as a compromised renderer would), and the axe-core scan.
import { join } from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { axeViolations, type AxeScope } from './axe';

export const ADMIN = { vaultName: 'Trust & Safety — EU', username: 'ada', displayName: 'Ada Lovelace', password: 'correct horse battery staple' };

export async function expectScreen(page: Page, screen: string): Promise<void> {
  await expect(page.locator(`[data-screen="${screen}"]`)).toBeVisible();
}

export async function expectPage(page: Page, name: string): Promise<void> {
  await expect(page.locator(`main[data-page="${name}"]`)).toBeVisible();
}

/** Calls a channel from inside the page with the page's own cookies and launch token, bypassing the UI. */
export async function invokeFromPage(page: Page, channel: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(async ([c, i]) => {
    const launch = window.sessionStorage.getItem('vigil.launchToken') ?? '';
    const response = await fetch('/api/invoke', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'x-vigil-launch': launch }, body: JSON.stringify({ channel: c, input: i }),
    });
    return response.json();
  }, [channel, input] as const);
}

/** A channel's answer when it must succeed (the failure names the channel and its error). */
export async function invokeOk<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const answer = await invokeFromPage(page, channel, input);
  expect(answer.ok, `${channel}: ${JSON.stringify(answer.error)}`).toBe(true);
  return answer.value as T;
}

/**
 * axe-core on the current screen, or on the part of it `include` selects (a section whose screen was
 * scanned whole before): no serious or critical violation (WCAG 2.1 AA rules, or with `colours` only
 * those a theme changes).
 */
export async function expectAccessible(page: Page, label: string, include?: string, scope: AxeScope = 'all'): Promise<void> {
  const violations = await axeViolations(page, include, scope);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

export async function setUpThroughWizard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expectScreen(page, 'setup');
  await page.getByLabel('Vault name').fill(ADMIN.vaultName);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.displayName);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Repeat password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = (await page.getByTestId('recovery-key').innerText()).trim();
  expect(key).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
  await page.getByLabel('Type the recovery key to confirm').fill(key);
  await page.getByRole('button', { name: 'Confirm recovery key' }).click();
  await expectScreen(page, 'app');
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await expectScreen(page, 'login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** On the forced password change after a first sign-in: chooses `newPassword` and waits for the app. */
export async function changeFirstPassword(page: Page, oneTimePassword: string, newPassword: string): Promise<void> {
  await expectScreen(page, 'change-password');
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectScreen(page, 'app');
}

/** A user created with a one-time password, signed in from a browser of their own, having chosen `newPassword`. */
export async function signInFirstTime(browser: Browser, url: string, username: string, oneTimePassword: string, newPassword: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, url, username, oneTimePassword);
  await changeFirstPassword(page, oneTimePassword, newPassword);
  return page;
}

/**
 * Where screenshots go, for a person to look at: the folder E2E_SHOTS_DIR names
 * (`E2E_SHOTS_DIR=tests/e2e/screenshots npx playwright test`). Unset, as in CI, none are taken: every
 * capture still switches theme and width and runs its axe scans, without encoding hundreds of PNGs
 * nobody opens.
 */
const SHOTS_DIR = process.env['E2E_SHOTS_DIR'] === '' ? undefined : process.env['E2E_SHOTS_DIR'];

/** Where a file kept for a person to look at goes, or null when no shots folder is named. */
export function shotPath(fileName: string): string | null {
  return SHOTS_DIR === undefined ? null : join(SHOTS_DIR, fileName);
}

/** A screenshot named `name` in the shots folder, when one is named. */
async function screenshot(page: Page, name: string, fullPage: boolean): Promise<void> {
  const path = shotPath(`${name}.png`);
  if (path !== null) await page.screenshot({ path, fullPage });
}

/**
 * axe in light and dark, and a screenshot of each. Light is scanned whole; dark for the rules its
 * colours change. `axe: false` only shoots (the same screen already scanned at another width).
 */
export async function captureBothThemes(page: Page, name: string, options: { fullPage?: boolean; axe?: boolean; axeInclude?: string } = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    if (options.axe ?? true) await expectAccessible(page, `${name} (${scheme})`, options.axeInclude, scheme === 'light' ? 'all' : 'colours');
    await screenshot(page, `${name}-${scheme}`, options.fullPage ?? true);
  }
}

/** The widths analysts use: a desktop, a laptop, half a screen. */
export const DAILY_WIDTHS = [1440, 1024, 800] as const;

/**
 * The same, at 1440 and 800 px wide (the window sizes analysts use, and a half screen), or the widths
 * given. axe scans the widest and the narrowest (the same elements, laid out between them), every
 * width is shot: an axe scan of a full screen costs seconds, and CI runs hundreds. `axe: false` only
 * shoots (the same document already scanned, scrolled to another part). A width neither scanned nor
 * shot is skipped.
 */
export async function captureWidths(page: Page, name: string, options: { fullPage?: boolean; widths?: readonly number[]; axe?: boolean } = {}): Promise<void> {
  const widths = options.widths ?? [1440, 800];
  for (const [index, width] of widths.entries()) {
    const axe = (options.axe ?? true) && (index === 0 || index === widths.length - 1);
    if (!axe && SHOTS_DIR === undefined) continue;
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200);
    await captureBothThemes(page, `${name}-${width}`, { fullPage: options.fullPage ?? false, axe });
  }
}

/** Opens a screen by its address (`#triage`, `investigation/ID`) and waits until it is shown. */
export async function goTo(page: Page, hash: string, pageName: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await expectPage(page, pageName);
}
