// vigil serve --data DIR [--port N]: browser mode. Runs until interrupted.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../../ipc/web-server';
import { openCommandEndpoint } from '../../ipc/command-endpoint';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

/**
 * The built renderer, beside the built main folder: out/renderer, seen from out/main/cli.js or,
 * since commands load on demand, from the chunk holding this command (out/main/chunks/).
 */
export function rendererDir(env: NodeJS.ProcessEnv, from: string = import.meta.url): string {
  if (env.VIGIL_RENDERER_DIR) return env.VIGIL_RENDERER_DIR;
  const candidates = ['../renderer', '../../renderer'].map((relative) => fileURLToPath(new URL(relative, from)));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? '';
}

export async function serveCommand(cli: CliContext): Promise<void> {
  const portText = cli.option('port') ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Not a port: ${portText}`);
  const staticDir = rendererDir(cli.io.env);
  if (!existsSync(staticDir)) throw new UsageError(`The renderer is not built (${staticDir}); run npm run build`);
  const core = cli.openCore('browser-mode');
  const server = await startWebServer({ core, staticDir, port, logger: cli.logger() });
  // Read-only commands run through this process while it holds the vault (command-endpoint.ts).
  const commands = openCommandEndpoint(core, { logger: cli.logger() });
  const logFile = cli.logger().filePath;
  // A first line, so the file the app points people to exists from the start.
  cli.logger().log('info', 'browser mode started', { version: core.services.appVersion, port: server.port });
  cli.print(`Vigil is running in browser mode. Open this address in Chromium or Firefox:\n\n  ${server.url}\n\nData: ${cli.dataDir()}  (Ctrl+C stops)\nLog:  ${logFile}`, {
    url: server.url, port: server.port, dataDir: cli.dataDir(), logFile,
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await commands.close();
  await server.close();
}
