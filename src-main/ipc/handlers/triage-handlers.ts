// Triage actions on sets of alerts: bulk verdicts and assignment, promote, merge.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'alerts.bulk' | 'alerts.promote' | 'alerts.merge';

export function triageHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'alerts.bulk': notBuilt,
    'alerts.promote': notBuilt,
    'alerts.merge': notBuilt,
  };
}
