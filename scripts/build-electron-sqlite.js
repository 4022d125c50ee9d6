// Builds better-sqlite3-multiple-ciphers for Electron's ABI into native/electron/, beside the Node
// build that tests, the CLI and the browser mode use. The Electron shell loads it with
// `nativeBinding` when present. electron-builder rebuilds for packaged apps by itself; this is for
// running the unpackaged app with `npm start`. It needs Electron's headers from the network, so it
// cannot run on the offline CI machines: it is not part of `npm install`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const moduleDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = mkdtempSync(join(tmpdir(), 'vigil-electron-sqlite-'));
try {
  cpSync(moduleDir, join(work, 'better-sqlite3-multiple-ciphers'), { recursive: true });
  execFileSync('npx', ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], {
    cwd: join(work, 'better-sqlite3-multiple-ciphers'), stdio: 'inherit',
  });
  mkdirSync('native/electron', { recursive: true });
  cpSync(join(work, 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'), 'native/electron/better_sqlite3.node');
  process.stdout.write(`native/electron/better_sqlite3.node built for Electron ${electronVersion}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
