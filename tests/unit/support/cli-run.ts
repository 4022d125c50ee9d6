// Runs `vigil …` in-process on a data directory with cheap argon2, as a script would: piped stdin,
// the password from VIGIL_PASSWORD (or the environment given); returns the exit code and what it printed.
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src-main/cli/main';
import { TEST_KDF } from './test-core';

export const CLI_PASSWORD = 'a long admin passphrase';

export async function runVigil(
  dataDir: string, argv: string[], env: NodeJS.ProcessEnv = { VIGIL_PASSWORD: CLI_PASSWORD },
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  const io = { env, stdin, stdout, stderr: stderr as unknown as NodeJS.WriteStream };
  const code = await runCli([...argv, '--data', dataDir], io, TEST_KDF);
  return { code, out, err };
}
