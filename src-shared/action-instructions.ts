// What executing an action means, per kind. Vigil records the decision and who carried it out; it
// does not suspend accounts, remove content or block addresses itself. Executing asks the analyst to
// confirm, with these words saying what they must now do in the systems that act (one table, read by
// the confirmation and by anything else that explains an action kind).
import type { ActionKind } from './workspace-model';

export interface ActionInstructions {
  /** What Vigil does when the action is executed: record it. */
  records: string;
  /** What the analyst must do outside Vigil, in order. */
  steps: readonly string[];
}

const RECORDS = 'Vigil records that this action was carried out, by you, now. It does not act on any outside system.';

export const ACTION_INSTRUCTIONS: Readonly<Record<ActionKind, ActionInstructions>> = {
  suspend_account: {
    records: RECORDS,
    steps: [
      'Suspend each target account in the platform\'s admin console (or ask the team that can).',
      'End the accounts\' active sessions and revoke their tokens there.',
      'Check that the suspension took effect before you confirm here.',
    ],
  },
  remove_content: {
    records: RECORDS,
    steps: [
      'Preserve the content as evidence first, if that is not done yet.',
      'Remove or hide each target item in the content moderation tool.',
      'Check that the content no longer loads for other users before you confirm here.',
    ],
  },
  warn_user: {
    records: RECORDS,
    steps: [
      'Send the warning to each target account through the platform\'s messaging or enforcement tool.',
      'Use the approved warning template for the policy that was broken.',
    ],
  },
  block_ip: {
    records: RECORDS,
    steps: [
      'Add each target address or range to the blocklist in the firewall, WAF or edge configuration.',
      'Note the change ticket or rule id in the investigation.',
      'Check that the block is live before you confirm here.',
    ],
  },
  escalate_law_enforcement: {
    records: RECORDS,
    steps: [
      'Hand the case to the legal or law-enforcement response team through their agreed channel.',
      'Do not contact the authorities yourself unless that is your role.',
      'Record the reference they give you in a note on the investigation.',
    ],
  },
  other: {
    records: RECORDS,
    steps: ['Carry out the action described in its reason in the system that performs it, then confirm here.'],
  },
};
