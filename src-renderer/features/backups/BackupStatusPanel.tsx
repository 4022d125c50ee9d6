// The schedule's state at a glance: last success, next run, the schedule in words, the folder, and
// the last failure when it is newer than the last success (e.g. the external drive is unplugged).
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { formatAgo, formatDateTime } from '../../format/time';
import { useNow } from '../../kit/use-now';
import type { BackupStatus } from '../../../src-shared/backup-model';
import { describeCron } from './cron-hint';
import { retentionSummary } from './backup-format';

export function BackupStatusPanel({ status }: { status: BackupStatus }) {
  const now = useNow();
  const { settings, lastSuccessAt, lastError, nextRunAt } = status;
  const failing = lastError !== null && (lastSuccessAt === null || lastError.at > lastSuccessAt);
  return (
    <section className="panel backup-status" aria-labelledby="backup-status-title" data-testid="backup-status">
      <h2 id="backup-status-title">
        Schedule
        {settings.enabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Paused</Badge>}
        {status.running && <Badge tone="info">Running</Badge>}
      </h2>
      {failing && lastError && (
        <Alert tone="error" title={`The last backup failed ${formatAgo(lastError.at, now)}`} testId="backup-last-error">
          {lastError.message} <span className="muted mono">({lastError.code})</span>
        </Alert>
      )}
      <dl className="backup-facts">
        <div>
          <dt>Last success</dt>
          <dd data-testid="backup-last-success" title={lastSuccessAt ? formatDateTime(lastSuccessAt) : undefined}>
            {lastSuccessAt ? formatAgo(lastSuccessAt, now) : 'Never'}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd data-testid="backup-next-run">{settings.enabled ? (nextRunAt ? formatDateTime(nextRunAt) : 'Not scheduled') : 'Paused'}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd title={settings.schedule}>
            {describeCron(settings.schedule) ?? 'On a custom schedule'} <span className="muted mono">{settings.schedule}</span>
          </dd>
        </div>
        <div className="backup-facts__wide">
          <dt>Folder</dt>
          <dd className="mono truncate" title={settings.folder}>
            {settings.folder}
          </dd>
        </div>
        <div className="backup-facts__wide">
          <dt>Retention</dt>
          <dd>{retentionSummary(settings.retention)}</dd>
        </div>
      </dl>
    </section>
  );
}
