// Investigation templates: what a new investigation of a known kind starts with (tasks, tags,
// severity, SLA). Code constants, listed by investigations.templates.
import type { InvestigationTemplate, TemplateId } from '../../src-shared/workspace-model';

export const TEMPLATES: readonly InvestigationTemplate[] = [
  {
    id: 'account_takeover',
    name: 'Account takeover',
    description: 'Someone else controls a user\'s account: confirm the compromise, lock the attacker out, restore the owner.',
    severity: 'high',
    tags: ['ato'],
    tasks: [
      'Confirm the suspicious logins (time, IP, device) against the owner\'s history',
      'Check for credential stuffing from the same IPs against other accounts',
      'Force a password reset and end the account\'s sessions',
      'Review changes made while compromised (email, phone, payment methods)',
      'Contact the owner through a verified channel',
    ],
    slaHours: 24,
  },
  {
    id: 'fraud_ring',
    name: 'Fraud ring',
    description: 'Accounts acting together: map the shared devices, IPs and payment instruments, then act on the ring at once.',
    severity: 'high',
    tags: ['fraud', 'ring'],
    tasks: [
      'Map the accounts linked by shared devices, IPs and payment instruments',
      'Identify the ring\'s first account and its earliest activity',
      'Estimate the financial exposure',
      'Propose actions for every account in the ring together',
    ],
    slaHours: 72,
  },
  {
    id: 'spam_wave',
    name: 'Spam wave',
    description: 'A burst of spam from many accounts pointing at the same destinations.',
    severity: 'medium',
    tags: ['spam'],
    tasks: [
      'List the domains and URLs the wave points to',
      'Find the accounts that posted them and when they were created',
      'Remove the content and block the destinations',
    ],
    slaHours: 8,
  },
  {
    id: 'harmful_content',
    name: 'Harmful content',
    description: 'Content that may break the law or the policies: preserve evidence first, then act and escalate where required.',
    severity: 'critical',
    tags: ['content'],
    tasks: [
      'Preserve the content and its metadata as evidence',
      'Classify the content against the policy',
      'Remove the content',
      'Decide whether a report to the authorities is required',
    ],
    slaHours: 4,
  },
  {
    id: 'blank',
    name: 'Blank',
    description: 'Nothing pre-filled. No SLA unless you set one.',
    severity: 'medium',
    tags: [],
    tasks: [],
    slaHours: 0,
  },
];

export function templateById(id: TemplateId): InvestigationTemplate {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`unknown template ${id}`);
  return template;
}
