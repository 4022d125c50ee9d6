// The investigation workspace's screens in light and dark, on a vault filled by the demo generator:
// an axe-core scan in each theme and a screenshot for a person to look at (E2E_SHOTS_DIR).
import { expect, test, type Page } from '@playwright/test';
import { captureBothThemes, expectPage, invokeFromPage, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const capture = (page: Page, name: string) => captureBothThemes(page, name, { fullPage: false });

/** A vault through the wizard, filled by the demo generator, on the triage queue. */
async function demoVault(page: Page, beforeDemo?: () => Promise<void>): Promise<void> {
  await setUpThroughWizard(page, server.url);
  await open(page, 'triage', 'triage');
  await beforeDemo?.();
  const demo = await invokeFromPage(page, 'demo.generate', { alerts: 3000, seed: 11, days: 21 });
  expect(demo.ok).toBe(true);
  await page.reload();
  await expectPage(page, 'triage');
  await expect(page.getByTestId('vtable-row').first()).toBeVisible();
}

// Two tests, each on its own server, so the screens (each scanned and shot in two themes, at
// two widths where captured so) run on both workers and stay well inside one test's budget: in one
// test they took 3.1–3.2 minutes on two loaded cores.
test('triage, lists, entity, search and approvals pass axe in both themes', async ({ page }) => {
  test.setTimeout(180_000);
  // The filled queue, its detail panel and the investigations list are shot at three widths by
  // daily-work-screens.spec.ts; here only what that spec does not show.
  await demoVault(page, () => capture(page, '20-triage-empty'));
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await capture(page, '23-import-dialog');
  await page.keyboard.press('Escape');

  const alerts = await invokeFromPage(page, 'alerts.list', { limit: 5 });
  const alertId = (alerts.value as { rows: { id: string }[] } | undefined)?.rows[0]?.id;
  if (alertId) {
    const detail = await invokeFromPage(page, 'alerts.get', { alertId });
    const entityId = (detail.value as { entities: { id: string }[] } | undefined)?.entities[0]?.id;
    if (entityId) {
      await open(page, `entity/${entityId}`, 'entity');
      await capture(page, '27-entity');
    }
  }

  await open(page, 'search/severity:high login', 'search');
  await capture(page, '28-search');
  await open(page, 'approvals', 'approvals');
  await capture(page, '29-approvals');
});

test('an investigation\'s tabs pass axe in both themes, and Back returns to the previous tab', async ({ page }) => {
  test.setTimeout(180_000);
  await demoVault(page);
  const list = await invokeFromPage(page, 'investigations.list', { limit: 50 });
  const investigations = (list.value as { rows: { id: string; status: string }[] } | undefined)?.rows ?? [];
  const investigation = investigations.find((i) => i.status === 'in_progress') ?? investigations[0];
  if (!investigation) throw new Error('The demo vault holds no investigation');
  {
    await open(page, `investigation/${investigation.id}`, 'investigation');
    await capture(page, '25-investigation-overview');
    for (const tab of ['Alerts', 'Entities', 'Findings', 'Evidence', 'Actions', 'Tasks', 'Notes', 'Timeline']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.waitForTimeout(400);
      // The graph and the timeline are shot at three widths by daily-work-screens.spec.ts.
      if (tab !== 'Entities' && tab !== 'Timeline') await capture(page, `26-investigation-${tab.toLowerCase()}`);
    }
    // The tab is in the URL, so Back returns to the previous tab.
    expect(page.url()).toContain(`#investigation/${investigation.id}/timeline`);
    await page.goBack();
    await expect(page.getByRole('tab', { name: /^Notes/ })).toHaveAttribute('aria-selected', 'true');
  }
});
