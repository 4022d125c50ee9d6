// vigil audit verify --data DIR --as USER: checks the audit hash chain; exit 1 when it is broken.
import { VigilError } from '../../../src-shared/errors';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

export async function auditCommand(cli: CliContext): Promise<void> {
  const action = cli.positional(0, 'action: verify');
  if (action !== 'verify') throw new UsageError(`Unknown audit action "${action}"`);
  const client = await cli.signedIn({ readOnly: true });
  const result = await client.invoke('audit.verify', {});
  if (result.ok) {
    cli.print(`Audit chain intact: ${result.checked} entries, head ${result.headHash ?? '(empty)'}.`, result);
    return;
  }
  cli.print(`Audit chain BROKEN at entry #${result.problem?.seq} (${result.problem?.reason}); ${result.checked} entries before it are intact.`, result);
  throw new VigilError('VAULT_CORRUPT', 'The audit chain does not verify', { reported: true });
}
