// Free space where the vault lives and where backups go, as a share of the disk (fs.statfs, the
// space an unprivileged process may use). A full vault disk stops every write; a full backup disk
// stops backups.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { HealthCheckId } from '../../../src-shared/health-model';
import type { HealthCheck } from '../health-check';
import { mib, rounded } from '../health-check';

/** Where to measure now: a path, or null with the reason it cannot be measured. */
export type DiskLocation = { path: string; what: string } | { path: null; reason: string };

export function freeDiskCheck(id: Extract<HealthCheckId, 'free-disk-vault' | 'free-disk-backups'>, location: () => DiskLocation): HealthCheck {
  return {
    id,
    everyMs: 60_000,
    async measure() {
      const where = location();
      if (where.path === null) return { value: null, evidence: where.reason };
      if (!existsSync(where.path)) return { value: null, evidence: `${where.what} (${where.path}) is not there.` };
      const stats = await statfs(where.path);
      const total = stats.blocks * stats.bsize;
      const free = stats.bavail * stats.bsize;
      if (total === 0) return { value: null, evidence: `The disk of ${where.what} reports no size.` };
      const share = (free / total) * 100;
      return { value: rounded(share, 1), evidence: `${mib(free)} free of ${mib(total)} (${share.toFixed(1)} %) on the disk of ${where.what} (${where.path}).` };
    },
  };
}
