// The progress of "Back up now": the step the server reports and a bar (indeterminate until the
// first job.progress event gives a total).
import type { BackupProgress } from './store';
import { progressPercent, stepLabel } from './backup-format';

export function BackupProgressBar({ progress }: { progress: BackupProgress }) {
  const percent = progressPercent(progress.done, progress.total);
  return (
    <div className="backup-progress" data-testid="backup-progress">
      <label className="backup-progress__label" htmlFor="backup-progress-bar">
        Backing up: {stepLabel(progress.label)}…
        {percent !== null && <span className="mono"> {percent}%</span>}
      </label>
      <progress id="backup-progress-bar" max={100} value={percent ?? undefined} />
    </div>
  );
}
