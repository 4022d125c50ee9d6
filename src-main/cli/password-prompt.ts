// Reads a secret from VIGIL_PASSWORD (scripts) or from the terminal without echo (people).
import { UsageError } from './usage-error';

export interface SecretSource {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

export async function readSecret(source: SecretSource, prompt: string, envName = 'VIGIL_PASSWORD'): Promise<string> {
  const fromEnv = source.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!source.stdin.isTTY) throw new UsageError(`No terminal to ask for the password: set ${envName}`);
  return promptWithoutEcho(source, prompt);
}

function promptWithoutEcho(source: SecretSource, prompt: string): Promise<string> {
  const { stdin, stderr } = source;
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (result: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      if (result === null) reject(new UsageError('Cancelled'));
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(value);
        if (char === '\u0003') return finish(null);
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
