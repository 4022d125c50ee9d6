// vigil case export KEY --out FILE | inspect FILE | import FILE --data DIR --as USER: hands one
// investigation to a colleague's vault as a sealed `.vigilcase` file (docs/CASE-PACKAGE.md). The
// passphrase comes from VIGIL_CASE_PASSPHRASE (scripts) or a no-echo prompt, asked twice on export.
import type { CasePackageImportOutcome, CasePackageSummary } from '../../../src-shared/case-package-contract';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';
import { formatTime } from '../table';
import { readSecret } from '../password-prompt';

const PASSPHRASE_ENV = 'VIGIL_CASE_PASSPHRASE';

async function newPassphrase(cli: CliContext): Promise<string> {
  const fromEnv = cli.io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await readSecret(cli.io, 'Passphrase for the case package: ', PASSPHRASE_ENV);
  const again = await readSecret(cli.io, 'The same passphrase again: ', PASSPHRASE_ENV);
  if (first !== again) throw new UsageError('The two passphrases differ');
  return first;
}

function describe(summary: CasePackageSummary): string {
  const { alerts = 0, notes = 0, findings = 0, evidence = 0, actions = 0 } = summary.rowCounts;
  return `${summary.investigationKey} "${summary.investigationTitle}": ${alerts} alerts, ${notes} notes, ${findings} findings, `
    + `${evidence} evidence items, ${actions} actions; exported by ${summary.exportedBy}@${summary.vaultName} at ${formatTime(summary.exportedAt)}`;
}

function importedText(outcome: CasePackageImportOutcome): string {
  if (outcome.alreadyImported && Object.values(outcome.written).every((n) => n === 0)) {
    return `${outcome.fileName} was already imported as ${outcome.investigationKey}; nothing was written.`;
  }
  const rows = Object.values(outcome.written).reduce((sum, n) => sum + n, 0);
  const lines = [`Imported ${outcome.packageKey} from ${outcome.fileName} as ${outcome.investigationKey}: ${rows} rows, `
    + `${outcome.evidenceVerified} evidence item(s) verified by SHA-256.`];
  if (outcome.rekeyed) lines.push(`This vault already had an investigation ${outcome.packageKey}; the imported one is ${outcome.investigationKey}.`);
  if (outcome.accountsAdded > 0) lines.push(`${outcome.accountsAdded} account(s) of ${outcome.summary.vaultName} were added, disabled, so authorship is kept.`);
  if (outcome.alertsHeldElsewhere > 0) lines.push(`${outcome.alertsHeldElsewhere} alert(s) were left out: this vault has the same alert under another id.`);
  return lines.join('\n');
}

export async function caseCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: export, inspect or import');
  switch (action) {
    case 'export': {
      const investigationKey = cli.positional(1, 'INVESTIGATION-KEY');
      const path = cli.requireOption('out');
      const passphrase = await newPassphrase(cli);
      const made = await (await cli.signedIn()).invoke('casePackage.export', { investigationKey, path, passphrase });
      cli.print(`Sealed ${describe(made.summary)}\n  into ${made.path} (${made.sizeBytes} bytes).`, made);
      return;
    }
    case 'inspect': {
      const path = cli.positional(1, 'FILE');
      const passphrase = await readSecret(cli.io, 'Passphrase of the case package: ', PASSPHRASE_ENV);
      const seen = await (await cli.signedIn()).invoke('casePackage.inspect', { path, passphrase });
      const before = seen.previousImport ? `\n  Already imported here as ${seen.previousImport.investigationKey} at ${formatTime(seen.previousImport.importedAt)}.` : '';
      cli.print(`${seen.fileName}: ${describe(seen.summary)}${before}`, seen);
      return;
    }
    case 'import': {
      const path = cli.positional(1, 'FILE');
      const passphrase = await readSecret(cli.io, 'Passphrase of the case package: ', PASSPHRASE_ENV);
      const outcome = await (await cli.signedIn()).invoke('casePackage.import', { path, passphrase });
      cli.print(importedText(outcome), outcome);
      return;
    }
    default:
      throw new UsageError(`Unknown case action "${action}"`);
  }
}
