// Action channels: propose, dry run, four-eyes approval, execute, revert.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'actions.list' | 'actions.propose' | 'actions.dryRun' | 'actions.approve' | 'actions.reject' | 'actions.execute' | 'actions.revert';

export function actionHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'actions.list': notBuilt,
    'actions.propose': notBuilt,
    'actions.dryRun': notBuilt,
    'actions.approve': notBuilt,
    'actions.reject': notBuilt,
    'actions.execute': notBuilt,
    'actions.revert': notBuilt,
  };
}
