// The verification result in one sentence, as an analyst would write it in a case note.
import type { AuditVerification } from '../../../src-shared/model';

type BreakReason = NonNullable<AuditVerification['problem']>['reason'];

const REASONS: Readonly<Record<BreakReason, string>> = {
  hash_mismatch: "the entry's contents do not match its hash",
  chain_broken: 'the entry does not link to the one before it',
  sequence_gap: 'entries are missing before it',
  truncated: 'the log ends before this anchored entry: its last entries were removed, or an older vault was put back',
  rolled_back: 'this anchored entry is not the one recorded: an older or rewritten vault is in place',
  anchor_invalid: 'the anchor file was not written by this vault',
};

export const HASH_PREFIX_LENGTH = 8;

export function hashPrefix(hash: string): string {
  return `${hash.slice(0, HASH_PREFIX_LENGTH)}…`;
}

const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

export function chainVerdict(result: AuditVerification): string {
  if (result.ok) {
    const head = result.headHash ? `, head ${hashPrefix(result.headHash)}` : '';
    return `Chain intact: ${entries(result.checked)}${head}`;
  }
  // Main always names the entry today; should it ever not, fail closed rather than say "intact".
  if (!result.problem) return `Chain broken after ${entries(result.checked)} checked`;
  return `Chain broken at entry #${result.problem.seq} (${REASONS[result.problem.reason]})`;
}
