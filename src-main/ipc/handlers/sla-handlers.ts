// Channels of the vault's service levels: read by every screen that judges a due time, changed by
// an administrator (audited with the levels before and after).
import type { Handlers } from '../router';
import { readSlaPolicy, saveSlaPolicy, storedSlaPolicy } from '../../settings/sla-policy';
import type { Services } from './services';

export function slaHandlers(s: Services): Pick<Handlers, 'sla.getPolicy' | 'sla.updatePolicy'> {
  return {
    'sla.getPolicy': () => readSlaPolicy(s.custody.vault.repositories.settings),
    'sla.updatePolicy': (input, { note }) => {
      const { db, repositories } = s.custody.vault;
      note({ details: { before: storedSlaPolicy(repositories.settings), after: input } });
      saveSlaPolicy(db, repositories.settings, input);
      return readSlaPolicy(repositories.settings);
    },
  };
}
