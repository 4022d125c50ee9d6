// Channels of the security monitoring of Vigil itself (src-shared/security-model.ts). Whoever reads
// the audit log (audit_access) reads and handles incidents; administrators change the thresholds.
// `security.updateIncident` is not audited by the router: the service writes its row, a success or a
// four-eyes denial, so each attempt leaves exactly one.
import { z } from 'zod';
import { channel, needs } from './channel';
import { SEVERITIES } from './model';
import {
  INCIDENT_STATUSES, securityThresholdsSchema, type SecurityIncident, type SecurityIncidentDetail, type SecurityIncidentPage,
  type SecurityScanOutcome, type SecurityThresholds, type UserRiskScore,
} from './security-model';

const idSchema = z.string().uuid();

export const securityChannels = {
  'security.incidents': channel<SecurityIncidentPage>()({
    input: z.object({
      status: z.enum(INCIDENT_STATUSES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      subjectUserId: idSchema.optional(),
      /** The `nextCursor` of the page before. */
      cursor: z.string().regex(/^\d{1,16}:[0-9a-f-]{36}$/, 'Not a page cursor').optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }).strict(),
    access: needs('audit_access'),
  }),
  'security.incident': channel<SecurityIncidentDetail>()({ input: z.object({ incidentId: idSchema }).strict(), access: needs('audit_access') }),
  'security.updateIncident': channel<SecurityIncident>()({
    input: z.object({
      incidentId: idSchema,
      status: z.enum(['investigating', 'resolved']),
      note: z.string().trim().max(2000).optional(),
    }).strict().refine((input) => input.status !== 'resolved' || (input.note ?? '').length > 0, {
      message: 'Say how the incident was resolved', path: ['note'],
    }),
    access: needs('audit_access'),
  }),
  'security.riskScores': channel<UserRiskScore[]>()({ input: z.object({}).strict(), access: needs('audit_access') }),
  'security.thresholds': channel<SecurityThresholds>()({ input: z.object({}).strict(), access: needs('audit_access') }),
  'security.updateThresholds': channel<SecurityThresholds>()({ input: securityThresholdsSchema, access: needs('admin_access'), audited: true }),
  /**
   * Scans the audit rows appended since the last scan now, instead of within the next two seconds;
   * `full` reads the whole log again (incidents already recorded stay as they are).
   */
  'security.scan': channel<SecurityScanOutcome>()({
    input: z.object({ full: z.boolean().default(false) }).strict(),
    access: needs('audit_access'),
    audited: true,
  }),
};

