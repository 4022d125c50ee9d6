#!/usr/bin/env node
// The `vigil` command. The CLI is compiled with the app (npm install runs the build via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('vigil: the app is not built yet; run `npm run build`\n');
  process.exit(1);
}
const { runCli } = await import(cli);
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
});
