// Evidence channels: files in the vault with hashes and a custody trail.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'evidence.list' | 'evidence.add' | 'evidence.view' | 'evidence.export' | 'evidence.verify';

export function evidenceHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'evidence.list': notBuilt,
    'evidence.add': notBuilt,
    'evidence.view': notBuilt,
    'evidence.export': notBuilt,
    'evidence.verify': notBuilt,
  };
}
