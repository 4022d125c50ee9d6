#!/usr/bin/env node
// The `vigil-server` command (docs/SYNC.md). Compiled with the app (npm install runs the build via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../out/main/server.js', import.meta.url));
if (!existsSync(server)) {
  process.stderr.write('vigil-server: the server is not built yet; run `npm run build`\n');
  process.exit(1);
}
const { runVigilServer } = await import(server);
process.exitCode = await runVigilServer(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
