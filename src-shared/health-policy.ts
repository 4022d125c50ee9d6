// The health checks' default thresholds and how an administrator's overrides are read. One table,
// documented in docs/HEALTH.md; the settings key `health.policy` holds only what differs from it.
import { z } from 'zod';
import { ALERT_LEVELS, HEALTH_CHECK_IDS, type CheckPolicy, type HealthCheckId, type HealthPolicy } from './health-model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const HEALTH_CHECK_LABELS: Readonly<Record<HealthCheckId, { label: string; unit: string }>> = {
  'wal-size': { label: 'Vault write-ahead log', unit: 'MiB' },
  'free-disk-vault': { label: 'Free disk (vault)', unit: '% free' },
  'free-disk-backups': { label: 'Free disk (backups)', unit: '% free' },
  'backup-age': { label: 'Last verified backup', unit: '× schedule interval' },
  'vault-structure': { label: 'Vault structure (nightly integrity check)', unit: 'problems' },
  'audit-chain': { label: 'Audit chain', unit: 'breaks' },
  memory: { label: 'Main process memory', unit: 'MiB RSS' },
  'event-loop-lag': { label: 'Event loop lag (p99)', unit: 'ms' },
  'failed-jobs': { label: 'Failed scheduled jobs', unit: 'failures' },
};

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  // A WAL this large means checkpoints are not keeping up: reads slow down and the next checkpoint is long.
  'wal-size': { direction: 'above', levels: { warning: { fire: 512, clear: 256 }, error: { fire: 2048, clear: 1024 } }, pendingMs: 10 * MINUTE, cooldownMs: 6 * HOUR },
  'free-disk-vault': {
    direction: 'below', levels: { warning: { fire: 10, clear: 12 }, error: { fire: 5, clear: 6 }, critical: { fire: 2, clear: 3 } },
    pendingMs: 5 * MINUTE, cooldownMs: 6 * HOUR,
  },
  'free-disk-backups': {
    direction: 'below', levels: { warning: { fire: 10, clear: 12 }, error: { fire: 5, clear: 6 }, critical: { fire: 2, clear: 3 } },
    pendingMs: 5 * MINUTE, cooldownMs: 6 * HOUR,
  },
  // In intervals of the backup schedule: 1.5 means a scheduled backup was missed, 3 that two were.
  'backup-age': { direction: 'above', levels: { warning: { fire: 1.5, clear: 1.2 }, error: { fire: 3, clear: 2.5 } }, pendingMs: 0, cooldownMs: 12 * HOUR },
  // Any damage is critical at once: the advice is to verify backups and restore.
  'vault-structure': { direction: 'above', levels: { critical: { fire: 1, clear: 1 } }, pendingMs: 0, cooldownMs: 24 * HOUR },
  'audit-chain': { direction: 'above', levels: { critical: { fire: 1, clear: 1 } }, pendingMs: 0, cooldownMs: 24 * HOUR },
  memory: { direction: 'above', levels: { warning: { fire: 1536, clear: 1280 }, error: { fire: 3072, clear: 2560 } }, pendingMs: 5 * MINUTE, cooldownMs: 6 * HOUR },
  // p99 over the last minute: 100 ms is a window that stutters, 500 ms one that freezes.
  'event-loop-lag': { direction: 'above', levels: { warning: { fire: 100, clear: 60 }, error: { fire: 500, clear: 300 } }, pendingMs: 3 * MINUTE, cooldownMs: 6 * HOUR },
  // A failing scheduled backup retries every few minutes: an unplugged drive that comes back within 10 minutes never fires.
  'failed-jobs': { direction: 'above', levels: { error: { fire: 1, clear: 1 } }, pendingMs: 10 * MINUTE, cooldownMs: 6 * HOUR },
};

const thresholdSchema = z.object({ fire: z.number().finite(), clear: z.number().finite() }).strict();
const levelsSchema = z.object(Object.fromEntries(ALERT_LEVELS.map((level) => [level, thresholdSchema.optional()])) as Record<(typeof ALERT_LEVELS)[number], z.ZodOptional<typeof thresholdSchema>>).strict();
const DAY = 24 * HOUR;
export const checkPolicyOverrideSchema = z.object({
  levels: levelsSchema.optional(),
  pendingMs: z.number().int().min(0).max(DAY).optional(),
  cooldownMs: z.number().int().min(0).max(7 * DAY).optional(),
}).strict();
export type CheckPolicyOverride = z.infer<typeof checkPolicyOverrideSchema>;
export const healthPolicyOverrideSchema = z.object(
  Object.fromEntries(HEALTH_CHECK_IDS.map((id) => [id, checkPolicyOverrideSchema.optional()])) as Record<HealthCheckId, z.ZodOptional<typeof checkPolicyOverrideSchema>>,
).strict();
export type HealthPolicyOverride = z.infer<typeof healthPolicyOverrideSchema>;

/** Why a policy is refused: a clear value on the wrong side of its fire value would flap or never clear. */
export function policyProblems(policy: HealthPolicy): string[] {
  const problems: string[] = [];
  for (const id of HEALTH_CHECK_IDS) {
    const { direction, levels } = policy[id];
    for (const level of ALERT_LEVELS) {
      const t = levels[level];
      if (!t) continue;
      if (direction === 'above' ? t.clear > t.fire : t.clear < t.fire) {
        problems.push(`${id} ${level}: the clear value must be ${direction === 'above' ? 'at or below' : 'at or above'} the fire value`);
      }
    }
  }
  return problems;
}

/** The defaults with an administrator's overrides laid over them, level by level. */
export function effectivePolicy(override: HealthPolicyOverride | undefined): HealthPolicy {
  const policy = { ...DEFAULT_HEALTH_POLICY };
  for (const id of HEALTH_CHECK_IDS) {
    const change = override?.[id];
    if (!change) continue;
    const base: CheckPolicy = DEFAULT_HEALTH_POLICY[id];
    policy[id] = {
      direction: base.direction,
      levels: { ...base.levels, ...change.levels },
      pendingMs: change.pendingMs ?? base.pendingMs,
      cooldownMs: change.cooldownMs ?? base.cooldownMs,
    };
  }
  return policy;
}
