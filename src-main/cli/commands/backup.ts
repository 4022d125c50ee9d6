// vigil backup create|list|verify FILE|restore FILE|restore-investigation FILE|prune --data DIR --as ADMIN:
// lets an admin back up and restore when the GUI will not start. `restore --recovery-key` needs no account at all:
// the recovery key (from VIGIL_RECOVERY_KEY or a prompt) opens the backup's own recovery slot.
import { resolve } from 'node:path';
import { VigilError } from '../../../src-shared/errors';
import type { TypedClient } from '../../../src-shared/typed-client';
import type { BackupListing, BackupManifest, InvestigationRestoreOutcome } from '../../../src-shared/backup-model';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';
import { formatTable, formatTime } from '../table';
import { readSecret } from '../password-prompt';
import { readFooter } from '../../backup/backup-file';

function countsLine(manifest: BackupManifest): string {
  const { alerts = 0, users = 0, audit_log: audit = 0 } = manifest.rowCounts;
  return `${alerts} alerts, ${users} users, ${audit} audit entries; schema v${manifest.schemaVersion}`;
}

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export async function backupCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: create, list, verify, restore, restore-investigation or prune');
  switch (action) {
    case 'create': {
      const listing = await (await cli.signedIn()).invoke('backup.create', {});
      cli.print(`Backed up to ${listing.path}\n  ${countsLine(listing.manifest)}; verified.`, { path: listing.path, fileName: listing.fileName, manifest: listing.manifest });
      return;
    }
    case 'list': {
      const listings = await (await cli.signedIn({ readOnly: true })).invoke('backup.list', {});
      cli.print(listTable(listings), listings.map((l) => ({ path: l.path, fileName: l.fileName, sizeBytes: l.sizeBytes, verifiedOk: l.verifiedOk, manifest: l.manifest })));
      return;
    }
    case 'verify': {
      const path = cli.positional(1, 'FILE');
      const client = await cli.signedIn({ readOnly: true });
      const verdict = await client.invoke('backup.verify', cli.throughApp ? await inBackupFolder(client, path) : { path });
      if (verdict.ok && verdict.manifest) {
        cli.print(`Backup ${verdict.path} is whole: ${countsLine(verdict.manifest)}.\n  Checked: ${verdict.checks.join(', ')}.`, verdict);
        return;
      }
      cli.print(`Backup ${verdict.path} FAILED verification (${verdict.problem}): ${verdict.message}`, verdict);
      throw new VigilError('VAULT_CORRUPT', 'The backup does not verify', { reported: true });
    }
    case 'restore': {
      const path = cli.positional(1, 'FILE');
      const confirm = cli.requireOption('confirm');
      if (cli.command.options['recovery-key'] === true) {
        const { manifest } = readFooter(path);
        if (confirm !== manifest.vaultName) throw new UsageError('--confirm must be the vault name exactly');
        const recoveryKey = await readSecret(cli.io, 'Recovery key: ', 'VIGIL_RECOVERY_KEY');
        const outcome = await cli.openCore().services.backups.restoreWithRecoveryKey(path, recoveryKey);
        cli.print(restoredText(outcome.restoredFrom, outcome.preRestorePath, true), outcome);
        return;
      }
      const outcome = await (await cli.signedIn()).invoke('backup.restore', { path, confirmVaultName: confirm });
      cli.print(restoredText(outcome.restoredFrom, outcome.preRestorePath, false), outcome);
      return;
    }
    case 'restore-investigation': {
      const path = cli.positional(1, 'FILE');
      const investigationKey = cli.requireOption('investigation');
      const outcome = await (await cli.signedIn()).invoke('backup.restoreInvestigation', { path, investigationKey });
      cli.print(investigationRestoredText(outcome), outcome);
      return;
    }
    case 'prune': {
      const outcome = await (await cli.signedIn()).invoke('backup.prune', {});
      cli.print(`Deleted ${outcome.deleted.length} backup(s); kept ${outcome.kept.length}.`, outcome);
      return;
    }
    default:
      throw new UsageError(`Unknown backup action "${action}"`);
  }
}

/**
 * Through the running app a backup is named by its file name, as in a window (a path from outside
 * could make the app read any file): a path in the app's backup folder becomes its file name.
 */
async function inBackupFolder(client: TypedClient, path: string): Promise<{ fileName: string }> {
  const listed = (await client.invoke('backup.list', {})).find((l) => l.path === resolve(path));
  if (!listed) {
    throw new VigilError('FORBIDDEN', `Through the running app only backups in its backup folder can be verified, and ${path} is not one. `
      + 'Close the app and run the command again to verify it.');
  }
  return { fileName: listed.fileName };
}

function listTable(listings: BackupListing[]): string {
  return formatTable(
    ['created', 'kind', 'size', 'verified', 'contents', 'file'],
    listings.map((l) => [formatTime(l.createdAt), l.kind, sizeOf(l.sizeBytes), l.verifiedOk === false ? 'FAILED' : 'yes', countsLine(l.manifest), l.path]),
  );
}

function investigationRestoredText(outcome: InvestigationRestoreOutcome): string {
  const rows = Object.values(outcome.restored).reduce((sum, n) => sum + n, 0);
  const { alerts = 0, notes = 0, evidence = 0 } = outcome.restored;
  const lines = [rows === 0
    ? `${outcome.investigationKey}: nothing to restore; this vault already has every row of it that ${outcome.restoredFrom} holds.`
    : `Restored ${outcome.investigationKey} from ${outcome.restoredFrom}: ${rows} rows (${alerts} alerts, ${notes} notes, ${evidence} evidence items).`];
  if (outcome.alertsHeldElsewhere > 0) {
    lines.push(`${outcome.alertsHeldElsewhere} alert(s) were left out: this vault has the same alert under another id.`);
  }
  return lines.join('\n');
}

function restoredText(from: string, aside: string, withRecoveryKey: boolean): string {
  const next = withRecoveryKey
    ? 'Sign in with "Forgot password" and the recovery key to set a new password.'
    : 'Everyone was signed out; passwords are those in force when the backup was made.';
  return `Restored from ${from}. The vault as it was is kept in ${aside}.\n${next}`;
}
