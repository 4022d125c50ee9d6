// Files shipped beside the code (resources/), found from this module's own location: two folders
// up when run from source (src-main/platform), two or three from the build (out/main, out/main/chunks),
// inside app.asar in the packaged app (Electron's fs reads it).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The path of resources/<relative>; throws when the installation lacks it (a broken package). */
export function resourceFile(relative: string): string {
  let folder = here;
  for (let up = 0; up < 5; up += 1) {
    const candidate = join(folder, 'resources', relative);
    if (existsSync(candidate)) return candidate;
    folder = dirname(folder);
  }
  throw new Error(`Vigil's installation is missing resources/${relative}`);
}
