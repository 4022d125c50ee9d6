// What every command gets: parsed options, output streams, the secret source, and helpers to open
// the data directory and sign in as a named user through the same router the app uses.
import { createCore, type Core } from '../core';
import { createInProcessClient, type InProcessClient } from '../ipc/in-process-client';
import { appLogger, type Logger } from '../platform/logger';
import { defaultDataDir } from '../platform/data-dir';
import type { KdfPolicy } from '../vault/kdf';
import type { LockHolder } from '../vault/data-dir-lock';
import { VigilError } from '../../src-shared/errors';
import type { TypedClient } from '../../src-shared/typed-client';
import { endpointClient, liveEndpoint } from './through-app';
import { heldVaultRefusal, isVaultHeld } from './vault-held';
import { readSecret, type SecretSource } from './password-prompt';
import { UsageError } from './usage-error';

export interface CliIo extends SecretSource {
  stdout: NodeJS.WritableStream;
}

export interface ParsedCommand {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

export class CliContext {
  private core: Core | null = null;
  private log: ReturnType<typeof appLogger> | null = null;
  private viaHolder = false;

  constructor(readonly io: CliIo, readonly command: ParsedCommand, private readonly kdf?: KdfPolicy) {}

  get json(): boolean {
    return this.command.options.json === true;
  }

  dataDir(): string {
    const value = this.command.options.data;
    return typeof value === 'string' && value !== '' ? value : defaultDataDir(this.io.env);
  }

  option(name: string): string | undefined {
    const value = this.command.options[name];
    return typeof value === 'string' ? value : undefined;
  }

  requireOption(name: string): string {
    const value = this.option(name);
    if (!value) throw new UsageError(`--${name} is required`);
    return value;
  }

  positional(index: number, what: string): string {
    const value = this.command.positionals[index];
    if (!value) throw new UsageError(`Missing ${what}`);
    return value;
  }

  /** The file this command logs to (info and up; warnings and errors also on stderr). */
  logger(): Logger & { readonly filePath: string } {
    this.log ??= appLogger(this.dataDir(), { minimum: 'info', stderrMinimum: 'warn' });
    return this.log;
  }

  /** Opens the data directory; refused, naming the holder, while the app or another command has it (data-dir-lock.ts says why). */
  openCore(holder: LockHolder = 'command'): Core {
    try {
      return this.coreAs(holder);
    } catch (error) {
      throw heldVaultRefusal(error, { readOnly: false, token: false });
    }
  }

  private coreAs(holder: LockHolder): Core {
    this.core ??= createCore({
      dataDir: this.dataDir(), logger: this.logger(), holder, ...(this.kdf ? { kdf: this.kdf } : {}),
    });
    return this.core;
  }

  client(): InProcessClient {
    return createInProcessClient(this.openCore().router, 'cli');
  }

  /**
   * Signs in with the API token in VIGIL_TOKEN when set (no password, no two-factor code), else as
   * `--as`, asking for the password (and a TOTP code when the account has one).
   *
   * `readOnly` is where a command says it only reads (READ_ONLY_CHANNELS in command-endpoint.ts are
   * the channels such commands call): when the app or `vigil serve` holds the vault, such a command
   * runs through it with the token instead of being refused.
   */
  async signedIn(options: { readOnly?: boolean } = {}): Promise<TypedClient> {
    const token = this.io.env.VIGIL_TOKEN?.trim() || undefined;
    let core: Core;
    try {
      core = this.coreAs('command');
    } catch (error) {
      const through = options.readOnly && token !== undefined && isVaultHeld(error) ? await this.throughHolder(error, token) : null;
      if (through) return through;
      throw heldVaultRefusal(error, { readOnly: options.readOnly === true, token: token !== undefined });
    }
    const client = createInProcessClient(core.router, 'cli');
    if (token !== undefined) {
      await client.invoke('auth.tokenLogin', { token });
      return client;
    }
    const username = this.requireOption('as');
    const password = await readSecret(this.io, `Password for ${username}: `);
    const view = await client.invoke('auth.login', { username, password });
    if (view.state === 'totp_required') {
      const code = await readSecret(this.io, 'Two-factor code: ', 'VIGIL_TOTP');
      const after = await client.invoke('auth.verifyTotp', { code });
      return this.assertActive(client, after.state);
    }
    return this.assertActive(client, view.state);
  }

  /** True once signedIn went through the holder's endpoint (calls are then named as in a window: no file paths). */
  get throughApp(): boolean {
    return this.viaHolder;
  }

  private async throughHolder(refusal: VigilError, token: string): Promise<TypedClient | null> {
    const endpoint = await liveEndpoint(this.dataDir());
    if (!endpoint) return null;
    this.viaHolder = true;
    this.io.stderr.write(`${refusal.message}: running through it with your API token.\n`);
    return endpointClient(endpoint, token);
  }

  print(human: string, json: unknown): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
  }

  /** Settles once nothing of this command still writes in the data directory. */
  async close(): Promise<void> {
    const core = this.core;
    this.core = null;
    await core?.close();
    this.log?.close();
    this.log = null;
  }

  private assertActive(client: TypedClient, state: string): TypedClient {
    if (state === 'password_change_required') {
      throw new VigilError('SESSION_STATE', 'This account must set its own password first: sign in once in the app');
    }
    if (state === 'recovery_key_unconfirmed') throw new VigilError('SESSION_STATE', 'Confirm the vault recovery key in the app first');
    if (state !== 'active') throw new VigilError('SESSION_STATE', `Cannot continue in state ${state}`);
    return client;
  }
}
