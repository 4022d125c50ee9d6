// Upload, job, entity and PII-reveal channels.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'uploads.begin' | 'uploads.chunk' | 'uploads.cancel' | 'jobs.cancel' | 'alerts.importUpload' | 'alerts.count' | 'alerts.get' | 'alerts.similar' | 'entities.get' | 'pii.reveal' | 'pii.reveals';

export function uploadHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'uploads.begin': notBuilt,
    'uploads.chunk': notBuilt,
    'uploads.cancel': notBuilt,
    'jobs.cancel': notBuilt,
    'alerts.importUpload': notBuilt,
    'alerts.count': notBuilt,
    'alerts.get': notBuilt,
    'alerts.similar': notBuilt,
    'entities.get': notBuilt,
    'pii.reveal': notBuilt,
    'pii.reveals': notBuilt,
  };
}
