// The verdict dialogs as they first appear: `d` then Enter must dismiss with a reason the analyst can
// see, and "Assign" must start on the analyst at the keyboard, not on "Nobody". Rendered to markup
// (no DOM in these tests): what is checked, selected and focused first is all in the first frame.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../src-shared/model';
import { DEFAULT_DISMISS_REASON, DISMISS_REASONS } from '../../../src-shared/workspace-model';

vi.mock('../../../src-renderer/api/client', () => ({
  api: { invoke: () => new Promise(() => undefined) },
  onEvent: () => () => undefined,
}));

const { AssignDialog, DismissDialog } = await import('../../../src-renderer/features/triage/VerdictDialogs');
const { useSessionStore } = await import('../../../src-renderer/kit/session-store');
const { assigneeChoices } = await import('../../../src-renderer/features/triage/assignee-choices');

const props = { target: { ids: ['0190a0a0-0000-7000-8000-000000000001'] }, count: 1, onClose: () => undefined, onDone: () => undefined };

/** The elements carrying data-autofocus: the Dialog focuses the first one when it opens. */
function autofocused(html: string): string[] {
  return [...html.matchAll(/<(\w+)[^>]*data-autofocus[^>]*>/g)].map((match) => match[0]);
}

describe('dismiss dialog', () => {
  const html = renderToStaticMarkup(createElement(DismissDialog, props));

  it('shows every reason at once with the default one checked', () => {
    for (const reason of DISMISS_REASONS) expect(html).toContain(`data-testid="dismiss-reason-${reason}"`);
    const checked = [...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0]).filter((input) => /\bchecked=""/.test(input));
    expect(checked).toHaveLength(1);
    expect(checked[0]).toContain(`value="${DEFAULT_DISMISS_REASON}"`);
  });

  it('puts focus on the confirm button, which submits the form, so Enter dismisses', () => {
    const focused = autofocused(html);
    expect(focused).toHaveLength(1);
    expect(focused[0]).toContain('data-testid="dismiss-confirm"');
    expect(focused[0]).toContain('type="submit"');
    expect(focused[0]).toContain('form="dismiss-form"');
    // The button says what Enter will do.
    expect(html).toMatch(/data-testid="dismiss-confirm"[^>]*>[^<]*Dismiss as false positive/);
    // No <select>: a focused one takes Enter to open its list instead of confirming.
    expect(html).not.toContain('<select');
  });
});

describe('assign dialog', () => {
  it('starts on the signed-in analyst, not on "Nobody", and Enter confirms', () => {
    useSessionStore.setState({ session: { userId: 'u-me', username: 'ana', displayName: 'Ana Analyst' } as SessionView });
    const html = renderToStaticMarkup(createElement(AssignDialog, props));
    const selected = [...html.matchAll(/<option[^>]*selected=""[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(selected).toEqual(['Me: Ana Analyst (ana)']);
    expect(autofocused(html)[0]).toContain('data-testid="assign-confirm"');
    expect(html).toContain('Nobody (unassign)');
  });

  it('lists me first, the other active users next and unassigning last', () => {
    const me = { id: 'u-me', username: 'ana', displayName: 'Ana' };
    const directory = [
      { id: 'u-me', username: 'ana', displayName: 'Ana', role: 'analyst', disabled: false },
      { id: 'u-2', username: 'bo', displayName: 'Bo', role: 'analyst', disabled: false },
      { id: 'u-3', username: 'cy', displayName: 'Cy', role: 'analyst', disabled: true },
    ];
    expect(assigneeChoices(me, directory).map((c) => c.value)).toEqual(['u-me', 'u-2', '']);
    // Before the directory arrives, the default is already offered.
    expect(assigneeChoices(me, null).map((c) => c.value)).toEqual(['u-me', '']);
  });
});

describe('promote dialog severity hint', () => {
  it('says when the alerts raised the template\'s severity', async () => {
    const { promotionSeverityHint } = await import('../../../src-renderer/features/triage/VerdictDialogs');
    expect(promotionSeverityHint({ severity: 'critical', template: 'medium', highestAlert: 'critical' })).toBe('Critical: the highest alert\'s severity, above the template\'s medium.');
    expect(promotionSeverityHint({ severity: 'high', template: 'high', highestAlert: 'low' })).toBe('High: the template\'s, at or above every alert\'s.');
    expect(promotionSeverityHint(null)).toBeUndefined();
  });
});
