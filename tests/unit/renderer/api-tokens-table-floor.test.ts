// Settings → API tokens: the list's floor (below it the list scrolls in its region) is its columns'
// own widths, so a column made wider or narrower moves the floor with it; at 800 px the owner sits
// under the name and expiry and last use share a column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src-renderer/api/client', () => ({
  api: { invoke: () => Promise.reject(new Error('not in this test')) },
  onEvent: () => () => undefined,
}));

// Signed in as an administrator (a server render reads a store's first state, so the session is given here).
const ADMINISTRATOR = vi.hoisted(() => ({
  session: {
    sessionId: 's', userId: 'u', username: 'ada', displayName: 'Ada', role: 'admin', permissions: ['admin_access'], state: 'active',
    createdAt: 0, expiresAt: 1, idleLockSeconds: 900, totpEnabled: false,
  },
}));
vi.mock('../../../src-renderer/kit/session-store', () => ({
  useSessionStore: Object.assign(<T>(select: (state: typeof ADMINISTRATOR) => T) => select(ADMINISTRATOR), {
    getState: () => ADMINISTRATOR,
    subscribe: () => () => undefined,
  }),
}));

const { ApiTokensSection } = await import('../../../src-renderer/features/api-tokens/ApiTokensSection');

function renderAsAdministrator(): string {
  return renderToStaticMarkup(createElement(ApiTokensSection));
}

describe('the API tokens list\'s width', () => {
  it('has a floor of its fixed columns plus the name\'s minimum, set from the same column widths', () => {
    const html = renderAsAdministrator();
    const fixed = [...html.matchAll(/<col style="width:(\d+)px"\/>/g)].map((match) => Number(match[1]));
    // Five columns: the name (no width: it takes the rest) and four fixed ones, the dates sharing one.
    expect(html.match(/<col[\s/>]/g)).toHaveLength(5);
    expect(fixed).toHaveLength(4);
    expect(html).toContain('Name · owner');
    expect(html).toContain('Expires · used');
    const floor = /--api-tokens-table-min-width:(\d+)px/.exec(html)?.[1];
    const NAME_MINIMUM = 120;
    expect(Number(floor)).toBe(fixed.reduce((sum, px) => sum + px, 0) + NAME_MINIMUM);
  });

  it('is read by the stylesheet from that property, not written there a second time', () => {
    const css = readFileSync(join(__dirname, '../../../src-renderer/features/api-tokens/api-tokens.css'), 'utf8');
    const rule = /\.api-tokens \.table \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(rule).toMatch(/min-width:\s*var\(--api-tokens-table-min-width\)/);
  });
});
