// Execute records an action that the analyst carries out elsewhere: the confirmation says so and lists
// what to do for the kind, and a destructive one does not start on the confirm button.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExecuteDialog } from '../../../src-renderer/features/actions/ExecuteDialog';
import { ACTION_INSTRUCTIONS } from '../../../src-shared/action-instructions';
import { isDestructive } from '../../../src-shared/action-rules';
import { ACTION_KINDS, type ActionKind } from '../../../src-shared/workspace-model';

const target = { id: 't1', kind: 'account' as const, value: '****1234', masked: true };
const render = (kind: ActionKind, targets = [target], hooked: boolean | null = false) =>
  renderToStaticMarkup(createElement(ExecuteDialog, { action: { kind, destructive: isDestructive(kind), targets }, pending: false, hooked, onConfirm: () => undefined, onClose: () => undefined }));
const autofocused = (html: string) => [...html.matchAll(/<button[^>]*data-autofocus[^>]*>([^<]*)/g)].map((m) => m[0]);

describe('execute confirmation', () => {
  it('says for every kind that Vigil only records it, and lists that kind\'s steps outside Vigil', () => {
    for (const kind of ACTION_KINDS) {
      const html = render(kind);
      expect(html).toContain('does not act on any outside system');
      expect(ACTION_INSTRUCTIONS[kind].steps.length).toBeGreaterThan(0);
      for (const step of ACTION_INSTRUCTIONS[kind].steps) expect(html).toContain(step.replace(/'/g, '&#x27;'));
    }
    expect(render('suspend_account')).toContain('Suspend each target account');
    expect(render('block_ip')).toContain('blocklist');
  });

  it('starts a destructive action on Cancel and a harmless one on the confirm button', () => {
    const destructive = autofocused(render('suspend_account'));
    expect(destructive).toHaveLength(1);
    expect(destructive[0]).not.toContain('action-execute-confirm');
    expect(destructive[0]).toContain('Cancel');
    expect(autofocused(render('warn_user'))[0]).toContain('action-execute-confirm');
  });

  it('says a webhook follows the record when an administrator hooked the kind', () => {
    const html = render('block_ip', [target], true);
    expect(html).toContain('calls the webhook an administrator set for this kind');
    expect(html).toContain('Record it and call the webhook');
    expect(html).not.toContain('does not act on any outside system');
    expect(render('block_ip', [target], null)).toContain('does not act on any outside system');
  });

  it('counts the targets it applies to', () => {
    expect(render('suspend_account', [target, { ...target, id: 't2' }])).toContain('for all 2 targets');
    expect(render('suspend_account')).toContain('for the target');
  });
});

describe('action hooks form', () => {
  it('saves only kinds with an address, and refuses what main would refuse', async () => {
    const { checkHookDrafts, hookDraftsOf } = await import('../../../src-renderer/features/actions/hook-form');
    const drafts = hookDraftsOf({ hooks: {} });
    expect(drafts.warn_user).toEqual({ url: '', timeout: '10' });
    expect(checkHookDrafts(drafts)).toEqual({ policy: { hooks: {} } });
    expect(checkHookDrafts({ ...drafts, block_ip: { url: ' https://edge.example/block ', timeout: '5' } })).toEqual({ policy: { hooks: { block_ip: { url: 'https://edge.example/block', timeoutSeconds: 5 } } } });
    expect(checkHookDrafts({ ...drafts, block_ip: { url: 'http://edge.example/block', timeout: '5' } })).toEqual({ problems: { block_ip: 'Use https:// (http:// only to this machine)' } });
    expect(checkHookDrafts({ ...drafts, block_ip: { url: 'http://127.0.0.1:9000/block', timeout: '5' } })).toMatchObject({ policy: { hooks: { block_ip: { timeoutSeconds: 5 } } } });
    expect(checkHookDrafts({ ...drafts, block_ip: { url: 'https://edge.example/block', timeout: '90' } })).toEqual({ problems: { block_ip: 'Wait 1–30 seconds' } });
  });
});
