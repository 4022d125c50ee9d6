// Export channels: alerts and investigations as CSV or JSON, masked like every other read.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'exports.alerts' | 'exports.investigation';

export function exportHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'exports.alerts': notBuilt,
    'exports.investigation': notBuilt,
  };
}
