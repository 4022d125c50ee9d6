// The app's workers as shipped (electron-vite's build, out/main), when there is one: a worker started
// from sources compiles its TypeScript at every start, a cost the packaged app never pays. Set for the
// whole bench process, as locateWorkerEntry reads it at each start; a bench row names which it measured.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILT_WORKERS = fileURLToPath(new URL('../../out/main', import.meta.url));

/** Runs `entry` (e.g. 'sync-worker') and its siblings from the build when built; says which it will be. */
export function useBuiltWorkers(entry: string): 'built' | 'from sources: npm run build first' {
  if (!process.env.VIGIL_WORKER_DIR && existsSync(join(BUILT_WORKERS, `${entry}.js`))) process.env.VIGIL_WORKER_DIR = BUILT_WORKERS;
  return process.env.VIGIL_WORKER_DIR ? 'built' : 'from sources: npm run build first';
}
