// Backup channels: back up now, list, verify, restore, schedule and retention settings.
import type { Handlers } from '../router';
import type { Services } from './services';
import type { backupChannels } from '../../../src-shared/backup-contract';

export function backupHandlers(_s: Services): Pick<Handlers, keyof typeof backupChannels> {
  return {};
}
