// vigil user add|list|set-role|disable|enable|reset-password --data DIR --as ADMIN …
import { ROLES, type Role } from '../../../src-shared/permissions';
import { VigilError } from '../../../src-shared/errors';
import type { UserView } from '../../../src-shared/model';
import type { TypedClient } from '../../../src-shared/typed-client';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';
import { formatTable, formatTime } from '../table';

function parseRole(text: string): Role {
  if (!(ROLES as readonly string[]).includes(text)) throw new UsageError(`Unknown role "${text}"; one of: ${ROLES.join(', ')}`);
  return text as Role;
}

async function findUser(client: TypedClient, username: string): Promise<UserView> {
  const user = (await client.invoke('users.list', {})).find((u) => u.username === username.toLowerCase());
  if (!user) throw new VigilError('NOT_FOUND', `No user named ${username}`);
  return user;
}

function userStatus(user: UserView): string {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil) return `locked until ${formatTime(user.lockedUntil)}`;
  return user.mustChangePassword ? 'must change password' : 'active';
}

export async function userCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: add, list, set-role, disable, enable or reset-password');
  const client = await cli.signedIn({ readOnly: action === 'list' });
  switch (action) {
    case 'add': {
      const username = cli.positional(1, 'USERNAME');
      const role = parseRole(cli.requireOption('role'));
      const result = await client.invoke('users.create', { username, displayName: cli.option('display-name') ?? username, role });
      cli.print(
        `Created ${result.user.username} (${role}). One-time password (must be changed at first sign-in):\n\n  ${result.oneTimePassword}`,
        result,
      );
      return;
    }
    case 'list': {
      const users = await client.invoke('users.list', {});
      cli.print(
        formatTable(['USERNAME', 'NAME', 'ROLE', 'STATUS', '2FA'], users.map((u) => [u.username, u.displayName, u.role, userStatus(u), u.totpEnabled ? 'on' : 'off'])),
        users,
      );
      return;
    }
    case 'set-role': {
      const user = await findUser(client, cli.positional(1, 'USERNAME'));
      const updated = await client.invoke('users.setRole', { userId: user.id, role: parseRole(cli.positional(2, 'ROLE')) });
      cli.print(`${updated.username} is now ${updated.role}.`, updated);
      return;
    }
    case 'disable': {
      const user = await findUser(client, cli.positional(1, 'USERNAME'));
      const updated = await client.invoke('users.disable', { userId: user.id });
      cli.print(`${updated.username} is disabled; their sessions have ended.`, updated);
      return;
    }
    case 'enable':
    case 'reset-password': {
      const user = await findUser(client, cli.positional(1, 'USERNAME'));
      const channel = action === 'enable' ? 'users.enable' : 'users.resetPassword';
      const result = await client.invoke(channel, { userId: user.id });
      cli.print(`New one-time password for ${result.user.username} (must be changed at first sign-in):\n\n  ${result.oneTimePassword}`, result);
      return;
    }
    default:
      throw new UsageError(`Unknown user action "${action}"`);
  }
}
