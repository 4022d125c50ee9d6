#!/usr/bin/env node
// `npm start`: the Electron app where Electron can run; otherwise (no Electron binary, as on
// networks that block its download, or no display) say so in one line and start the browser mode
// on the default data directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package's main export is the path of its binary; it throws when the binary is missing.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (!existsSync(new URL('../out/main/cli.js', import.meta.url))) {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (electron && hasDisplay) {
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron ? 'no display is available' : 'the Electron binary is not installed';
  process.stderr.write(`Electron cannot start here (${why}); starting the browser mode instead.\n`);
  const child = spawn(process.execPath, ['bin/vigil.js', 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
