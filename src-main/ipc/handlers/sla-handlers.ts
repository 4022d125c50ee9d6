// Channels of the vault's service levels: read by every screen that judges a due time, changed by
// an administrator (audited with the levels before and after, announced to every window).
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
      // Every other window judges due times with the new levels at once, not at its next sign-in.
      s.events.emit('all', 'data.changed', { topic: 'sla-policy' });
      return readSlaPolicy(repositories.settings);
    },
  };
}
