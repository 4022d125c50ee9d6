// The vault file and its write-ahead log. A WAL that keeps growing means checkpoints are not
// keeping up (a reader held open, a worker stuck): every read walks it and the next checkpoint is long.
import { existsSync, statSync } from 'node:fs';
import type { HealthCheck } from '../health-check';
import { MIB, mib, rounded } from '../health-check';

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

export function walSizeCheck(databasePath: string): HealthCheck {
  return {
    id: 'wal-size',
    everyMs: 60_000,
    measure() {
      if (!existsSync(databasePath)) return { value: null, evidence: 'No vault file yet.' };
      const vault = sizeOf(databasePath);
      const wal = sizeOf(`${databasePath}-wal`);
      return { value: rounded(wal / MIB), evidence: `Vault ${mib(vault)}, write-ahead log ${mib(wal)}.` };
    },
  };
}
