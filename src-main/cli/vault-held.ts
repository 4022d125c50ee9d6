// What a command says when another process holds the vault (data-dir-lock.ts says why it cannot
// open it beside the holder): a read-only command can run through the app or `vigil serve` with an
// API token (through-app.ts); a command that changes the vault has to wait until it is closed.
import { VigilError } from '../../src-shared/errors';

export function isVaultHeld(error: unknown): error is VigilError {
  return error instanceof VigilError && error.code === 'DATA_DIR_IN_USE';
}

/** The refusal for this command, or `error` itself when it is not a held vault. */
export function heldVaultRefusal(error: unknown, command: { readOnly: boolean; token: boolean }): unknown {
  if (!isVaultHeld(error)) return error;
  const message = !command.readOnly
    ? `${error.message}. Close it and run the command again: a command that changes the vault cannot run beside it.`
    : command.token
      ? `${error.message}, and no command endpoint of it answers (only the app and vigil serve run one). Close it and run the command again.`
      : `${error.message}. This command only reads: it can run through the running app with an API token in VIGIL_TOKEN `
        + '(create one in Settings → API tokens, or with `vigil token create` while the app is closed). Or close it and run the command again.';
  return new VigilError('DATA_DIR_IN_USE', message, error.details);
}
