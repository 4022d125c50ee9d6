// vigil token create --name NAME [--role ROLE] [--expires DAYS] | list | revoke TOKEN-ID: API tokens
// for scripts, which then sign in with VIGIL_TOKEN instead of --as, password and two-factor code.
// The token is printed once, at creation; Vigil keeps only its hash.
import { ROLES, type Role } from '../../../src-shared/permissions';
import type { ApiTokenView } from '../../../src-shared/token-contract';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';
import { formatTable, formatTime } from '../table';

function tokenStatus(t: ApiTokenView, now: number): string {
  if (t.revokedAt !== null) return `revoked ${formatTime(t.revokedAt)}`;
  if (t.expiresAt !== null && t.expiresAt <= now) return `expired ${formatTime(t.expiresAt)}`;
  return t.expiresAt === null ? 'active, no expiry' : `active until ${formatTime(t.expiresAt)}`;
}

export async function tokenCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: create, list or revoke');
  if (!['create', 'list', 'revoke'].includes(action)) throw new UsageError(`Unknown token action "${action}"`);
  const role = cli.option('role');
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) throw new UsageError(`Unknown role "${role}"; one of: ${ROLES.join(', ')}`);
  const expires = cli.option('expires');
  const expiresDays = expires === undefined ? undefined : Number(expires);
  if (expiresDays !== undefined && (!Number.isInteger(expiresDays) || expiresDays < 1 || expiresDays > 3650)) throw new UsageError('--expires is a number of days from 1 to 3650');
  const client = await cli.signedIn();
  switch (action) {
    case 'create': {
      const name = cli.requireOption('name');
      const created = await client.invoke('tokens.create', { name, ...(role ? { role: role as Role } : {}), ...(expiresDays ? { expiresDays } : {}) });
      cli.print(
        `Created API token "${created.info.name}" (${created.info.role}, ${created.info.expiresAt === null ? 'no expiry' : `expires ${formatTime(created.info.expiresAt)}`}), id ${created.info.id}.\n`
          + `It is shown only now; store it like a password:\n\n  ${created.token}\n\nScripts pass it as VIGIL_TOKEN (no --as, password or two-factor code).`,
        created,
      );
      return;
    }
    case 'list': {
      const tokens = await client.invoke('tokens.list', {});
      const now = Date.now();
      cli.print(
        formatTable(['ID', 'NAME', 'OWNER', 'ROLE', 'STATUS', 'LAST USED'], tokens.map((t) => [
          t.id, t.name, t.owner, t.role, tokenStatus(t, now), t.lastUsedAt === null ? 'never' : formatTime(t.lastUsedAt),
        ])),
        tokens,
      );
      return;
    }
    default: {
      const revoked = await client.invoke('tokens.revoke', { tokenId: cli.positional(1, 'TOKEN-ID (see vigil token list)') });
      cli.print(`Revoked API token "${revoked.name}" of ${revoked.owner}; scripts using it are refused from now on.`, revoked);
    }
  }
}
