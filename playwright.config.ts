import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/e2e/support/chromium';

// End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here)
// against the browser mode; each test starts its own `vigil serve` on its own data directory.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: on two cores each test starts its own server and browser, and two workers took as
  // long in all (13.3 min both, 2026-12-07) while tripling single tests' times, which made the
  // timing-sensitive ones (an event within a second) and long captures race their timeouts.
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
