// The accessibility scan every screen test relies on, held to finding what it must: a scan that
// silently passed everything would make each "passes axe" above meaningless.
import { expect, test } from '@playwright/test';
import { axeViolations } from './support/axe';

const FLAWED = `<!doctype html><html lang="en"><head><title>flawed</title></head><body><main>
  <section id="fine"><h1>Alerts</h1><button>Dismiss</button></section>
  <section id="flawed"><button></button><p style="color:#bbb;background:#fff">faint text</p></section>
</main></body></html>`;

test('the axe scan finds a nameless button and faint text, only inside the part it is given, and again after the document changes', async ({ page }) => {
  await page.setContent(FLAWED);
  expect((await axeViolations(page)).map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast']);
  expect(await axeViolations(page, '#fine')).toEqual([]);
  expect((await axeViolations(page, '#flawed')).map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast']);

  // A new document has no axe of its own: the scan injects it again rather than failing or passing.
  await page.setContent(FLAWED.replace('<button></button>', '<button>Escalate</button>'));
  expect((await axeViolations(page)).map((v) => v.id)).toEqual(['color-contrast']);
});
