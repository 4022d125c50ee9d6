// axe-core run inside the page under test. The script is injected once per document and reused by
// every later scan of it (a hash change keeps the document); axe runs in the page's own frame, as
// the app has no frames of its own. @axe-core/playwright's default mode instead re-injects the
// script and opens a blank page for every scan to merge frame results: about a second each, over
// the hundreds of scans CI runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA, the level Vigil's screens are held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The WCAG rules whose outcome a colour scheme changes. The themes differ only in colours (custom
 * properties under `prefers-color-scheme`), so a screen scanned whole in one theme needs only these
 * in the other.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

export type AxeScope = 'all' | 'colours';

/** The violations axe finds on the page, or inside the element `include` selects. */
export async function axeViolations(page: Page, include?: string, scope: AxeScope = 'all'): Promise<Result[]> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(AXE_SOURCE);
  const runOnly = scope === 'all' ? { type: 'tag', values: WCAG_TAGS } : { type: 'rule', values: COLOUR_RULES };
  const results = await page.evaluate(async ([only, selector]) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
    const context = selector === null ? document : { include: [selector] };
    return axe.run(context, { runOnly: only, resultTypes: ['violations'] });
  }, [runOnly, include ?? null] as const);
  return results.violations;
}
