// Worker entry for the upgrade of the vault to a new schema (built as out/main/vault-upgrade-worker.js):
// rebuilding the big tables takes minutes at 1M alerts, which on the main thread would freeze every window.
import { runUpgradeJob } from '../vault/vault-upgrade-job';
import { serveOneJob } from './worker-job';

serveOneJob(runUpgradeJob);
