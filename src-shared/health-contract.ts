// Channels of the installation's health (docs/HEALTH.md). Gathered into the one contract by
// contract.ts. The panel, running the checks, acknowledging and resolving are for administrators
// (admin_access: they are the ones who can act on a disk, a backup drive or a damaged vault);
// changing thresholds is system configuration. The banner is for everyone signed in: an analyst
// about to work in a vault whose backups stopped or whose audit chain broke should know, and tell
// an administrator. It carries only the check's name, level and message: no data from the vault.
import { z } from 'zod';
import { channel, activeSession, needs } from './channel';
import { HEALTH_CHECK_IDS, type HealthBanner, type HealthHistoryPage, type HealthPolicy, type HealthStatus } from './health-model';
import { healthPolicyOverrideSchema, type HealthPolicyOverride } from './health-policy';

const empty = z.object({}).strict();
const byHandSchema = z.object({ check: z.enum(HEALTH_CHECK_IDS), note: z.string().trim().max(500).default('') }).strict();

export const healthChannels = {
  'health.status': channel<HealthStatus>()({ input: empty, access: needs('admin_access') }),
  'health.run': channel<HealthStatus>()({ input: empty, access: needs('admin_access') }),
  'health.acknowledge': channel<HealthStatus>()({ input: byHandSchema, access: needs('admin_access'), audited: true }),
  'health.resolve': channel<HealthStatus>()({ input: byHandSchema, access: needs('admin_access'), audited: true }),
  'health.history': channel<HealthHistoryPage>()({
    input: z.object({ beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    access: needs('admin_access'),
  }),
  'health.banner': channel<HealthBanner>()({ input: empty, access: activeSession, passive: true }),
  'health.getPolicy': channel<{ policy: HealthPolicy; override: HealthPolicyOverride }>()({ input: empty, access: needs('admin_access') }),
  'health.updatePolicy': channel<HealthPolicy>()({ input: healthPolicyOverrideSchema, access: needs('system_config'), audited: true }),
};
