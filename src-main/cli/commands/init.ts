// vigil init --data DIR --admin NAME: creates the vault and its first admin, prints the recovery key.
import { readSecret } from '../password-prompt';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

export async function initCommand(cli: CliContext): Promise<void> {
  const username = cli.requireOption('admin');
  const vaultName = cli.option('name') ?? 'Vigil vault';
  const displayName = cli.option('display-name') ?? username;
  const password = await readSecret(cli.io, `New password for ${username}: `);
  if (!cli.io.env.VIGIL_PASSWORD) {
    const again = await readSecret(cli.io, 'Repeat the password: ');
    if (again !== password) throw new UsageError('The passwords differ');
  }
  const client = cli.client();
  const { recoveryKey } = await client.invoke('setup.initialize', { vaultName, username, displayName, password });
  // Printing the key is the CLI's way of showing it once: the admin who ran this command holds it now.
  await client.invoke('auth.confirmRecoveryKey', { recoveryKey });
  await client.invoke('auth.logout', {});
  cli.print(
    [
      `Vault "${vaultName}" created in ${cli.dataDir()} with admin ${username}.`,
      '',
      'Recovery key (shown once; store it offline, it opens the vault when every password is lost):',
      '',
      `  ${recoveryKey}`,
    ].join('\n'),
    { dataDir: cli.dataDir(), vaultName, admin: username, recoveryKey },
  );
}
