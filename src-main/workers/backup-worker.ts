// Worker entry for backup jobs (create, verify): built as out/main/backup-worker.js.
import { runBackupJob } from '../backup/backup-jobs';
import { serveOneJob } from './worker-job';

serveOneJob(runBackupJob);
