// The Security screen's parts as an administrator sees them: incident rows and status with the ids the
// e2e walk uses, the evidence of the open incident, and its actions disabled, with the reason, for the
// person the incident is about (main refuses it anyway: tests/unit/security).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { SecurityIncidentDetail } from '../../../src-shared/security-model';

vi.mock('../../../src-renderer/api/client', () => ({ api: { invoke: () => new Promise(() => undefined) }, onEvent: () => () => undefined }));

const { IncidentTable } = await import('../../../src-renderer/features/security/IncidentTable');
const { IncidentDetail } = await import('../../../src-renderer/features/security/IncidentDetail');
const { RiskScores } = await import('../../../src-renderer/features/security/RiskScores');
const { ThresholdsForm } = await import('../../../src-renderer/features/security/ThresholdsPanel');
const { fromDraft, toDraft } = await import('../../../src-renderer/features/security/threshold-draft');
const { DEFAULT_SECURITY_THRESHOLDS } = await import('../../../src-shared/security-model');

const DAN = '0192f0a0-0000-7000-8000-000000000001';
const incident: SecurityIncidentDetail = {
  id: '0192f0a0-0000-7000-8000-0000000000aa', rule: 'signin_failures_user', severity: 'medium', subject: { id: DAN, name: 'dan' },
  status: 'open', summary: '5 failed sign-ins for dan within 10 min', windowStart: 0, windowEnd: 240_000, openedAt: 300_000, updatedAt: 300_000,
  evidenceCount: 1, resolution: null, alertId: null,
  evidence: [{ seq: 7, at: 0, actorId: DAN, actorName: 'dan', action: 'auth.login', target: null, outcome: 'failure', details: { reason: 'wrong_password' }, hash: 'ab' }],
};

const detailAs = (userId: string) => renderToStaticMarkup(createElement(IncidentDetail, {
  incident, userId, onMove: () => Promise.resolve(), onClose: () => undefined,
}));
const buttonHtml = (html: string, testId: string) => new RegExp(`<button[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the Security screen', () => {
  it('lists incidents with their rule, subject, status and evidence count', () => {
    const html = renderToStaticMarkup(createElement(IncidentTable, { incidents: [incident], selectedId: null, loading: false, status: '', onOpen: () => undefined }));
    expect(html).toContain('data-testid="security-incidents"');
    expect(html).toContain('data-testid="security-incident-row"');
    expect(html).toContain('Failed sign-ins for one account');
    expect(html).toContain('dan');
    expect(html).toMatch(/data-testid="incident-status"[^]*Open/);
  });

  it('shows the open incident with its evidence, and resolving waits for a note', () => {
    const html = detailAs('0192f0a0-0000-7000-8000-000000000002');
    expect(html).toContain('wrong_password');
    expect(html).toContain('data-testid="incident-note"');
    expect(buttonHtml(html, 'incident-investigate')).not.toContain('disabled');
    expect(buttonHtml(html, 'incident-resolve')).toContain('disabled');
    expect(buttonHtml(html, 'incident-resolve')).toContain('title="Write a resolution note first"');
  });

  it('disables both actions, saying why, for the person the incident is about', () => {
    const html = detailAs(DAN);
    expect(html).toContain('This incident is about you: another administrator must handle it.');
    expect(buttonHtml(html, 'incident-investigate')).toContain('disabled');
    expect(buttonHtml(html, 'incident-resolve')).toContain('title="This incident is about you');
  });

  it('says what the rules watch when there is no incident, and lists risk scores with what contributed', () => {
    expect(renderToStaticMarkup(createElement(IncidentTable, { incidents: [], selectedId: null, loading: false, status: '', onOpen: () => undefined })))
      .toContain('No incidents. Rules watch sign-ins');
    const risk = renderToStaticMarkup(createElement(RiskScores, {
      scores: [{ user: { id: DAN, name: 'dan' }, score: 3, contributions: [{ incidentId: incident.id, rule: 'totp_failures', severity: 'medium', status: 'open', happenedAt: 0, evidenceCount: 3, weight: 3 }] }],
      error: null,
    }));
    expect(risk).toContain('data-testid="risk-scores"');
    expect(risk).toContain('Second-factor failures (medium, open');
  });

  it('shows every threshold in a form an administrator may change and others only read, and reads back what it shows', () => {
    const form = (mayChange: boolean) => renderToStaticMarkup(createElement(ThresholdsForm, { initial: DEFAULT_SECURITY_THRESHOLDS, mayChange, onSaved: () => undefined }));
    const admin = form(true);
    expect(admin).toContain('name="signinFailuresPerUser.count" value="5"');
    expect(admin).toContain('name="massExport.floorRows" value="10000"');
    expect(admin).toContain('name="riskHalfLifeDays.riskHalfLifeDays" value="14"');
    expect(admin).toContain('data-testid="security-thresholds-save"');
    expect(admin).not.toContain('<fieldset disabled');
    const reader = form(false);
    expect(reader).toContain('<fieldset disabled');
    expect(reader).not.toContain('security-thresholds-save');
    expect(fromDraft(toDraft(DEFAULT_SECURITY_THRESHOLDS))).toEqual(DEFAULT_SECURITY_THRESHOLDS);
  });
});
