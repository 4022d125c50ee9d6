// The outbound action hooks: an administrator reads and saves them (audited with the kinds before and
// after, never the addresses, which may carry a token in their query); anyone may ask which kinds
// are hooked, so the execute confirmation can say a call will be made.
import type { Handlers } from '../router';
import { hookedKinds } from '../../../src-shared/action-hooks';
import { readActionHooks, saveActionHooks } from '../../actions/action-hooks';
import type { Services } from './services';

export function actionHookHandlers(s: Services): Pick<Handlers, 'actionHooks.get' | 'actionHooks.update' | 'actionHooks.configured'> {
  return {
    'actionHooks.get': () => readActionHooks(s.custody.vault.repositories.settings),
    'actionHooks.update': (input, { note }) => {
      const { db, repositories } = s.custody.vault;
      note({ details: { before: hookedKinds(readActionHooks(repositories.settings)), after: hookedKinds(input) } });
      saveActionHooks(db, repositories.settings, input);
      return readActionHooks(repositories.settings);
    },
    'actionHooks.configured': () => ({ kinds: hookedKinds(readActionHooks(s.custody.vault.repositories.settings)) }),
  };
}
