// Schedule, retention and folder. The folder is typed as a full path: the browser mode has no
// native folder dialog. Only fields that changed are sent, so saving the schedule never re-checks
// a folder that is briefly unavailable.
import { useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import type { ChannelInput } from '../../../src-shared/contract';
import type { BackupSettings, PruneOutcome, RetentionPolicy } from '../../../src-shared/backup-model';
import { useBackupsStore } from './store';
import { describeCron, SCHEDULE_PRESETS } from './cron-hint';
import { retentionSummary } from './backup-format';

const RETENTION_FIELDS: readonly { key: keyof RetentionPolicy; label: string; hint: string; min: number }[] = [
  { key: 'keepLast', label: 'Keep last', hint: 'The newest N backups.', min: 1 },
  { key: 'daily', label: 'Daily', hint: 'Newest of each of the last N days.', min: 0 },
  { key: 'weekly', label: 'Weekly', hint: 'Newest of each of the last N weeks.', min: 0 },
  { key: 'monthly', label: 'Monthly', hint: 'Newest of each of the last N months.', min: 0 },
];

export function BackupSettingsForm({ settings }: { settings: BackupSettings }) {
  const saveSettings = useBackupsStore((state) => state.saveSettings);
  const prune = useBackupsStore((state) => state.prune);
  const save = useAction(saveSettings);
  const [folder, setFolder] = useState(settings.folder);
  const [schedule, setSchedule] = useState(settings.schedule);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [retention, setRetention] = useState<Record<keyof RetentionPolicy, string>>(() => ({
    keepLast: String(settings.retention.keepLast), daily: String(settings.retention.daily),
    weekly: String(settings.retention.weekly), monthly: String(settings.retention.monthly),
  }));
  const [saved, setSaved] = useState(false);
  const [confirmingPrune, setConfirmingPrune] = useState(false);
  const [pruned, setPruned] = useState<PruneOutcome | null>(null);
  const pruneAction = useAction(async () => setPruned(await prune()));

  const policy = parseRetention(retention);
  const words = describeCron(schedule);
  const scheduleHint = words ? `${words}, local time.` : 'Cron: minute hour day-of-month month day-of-week, local time (e.g. 0 */6 * * *).';

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const change: ChannelInput<'backup.updateSettings'> = {};
    if (folder.trim() !== settings.folder) change.folder = folder.trim();
    if (schedule.trim() !== settings.schedule) change.schedule = schedule.trim();
    if (enabled !== settings.enabled) change.enabled = enabled;
    if (policy && JSON.stringify(policy) !== JSON.stringify(settings.retention)) change.retention = policy;
    if (!policy) return;
    if (Object.keys(change).length === 0) {
      setSaved(true);
      return;
    }
    if (await save.run(change)) setSaved(true);
  };

  const preset = SCHEDULE_PRESETS.find((p) => p.expression === schedule.trim())?.expression ?? '';
  const fieldError = (name: string) => save.error?.fields[name];

  return (
    <section className="panel" aria-labelledby="backup-settings-title">
      <h2 id="backup-settings-title">Settings</h2>
      <p className="panel__description">
        Where backups go, when the schedule runs, and which backups the retention policy keeps after each scheduled run.
      </p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate data-testid="backup-settings">
        {save.error && !Object.keys(save.error.fields).some(isShownField) && <ErrorBanner message={save.error.message} />}
        {saved && !save.error && (
          <Alert tone="success" testId="backup-settings-saved">
            Settings saved.
          </Alert>
        )}
        <TextField
          label="Backup folder"
          name="folder"
          mono
          value={folder}
          onChange={(event) => setFolder(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          hint="Full path, e.g. an external drive. A folder you name here is never created: if it is missing, backups fail loudly instead of landing on the wrong disk."
          error={fieldError('folder')}
          data-testid="backup-folder"
        />
        <div className="form-row">
          <TextField
            label="Schedule (cron)"
            name="schedule"
            mono
            value={schedule}
            onChange={(event) => setSchedule(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            hint={scheduleHint}
            error={fieldError('schedule')}
            data-testid="backup-schedule"
          />
          <SelectField label="Common schedules" value={preset} onChange={(event) => event.target.value && setSchedule(event.target.value)}>
            <option value="">Custom</option>
            {SCHEDULE_PRESETS.map((p) => (
              <option key={p.expression} value={p.expression}>
                {p.label}
              </option>
            ))}
          </SelectField>
        </div>
        <label className="choice">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} data-testid="backup-enabled" />
          Run backups on this schedule while Vigil is open and unlocked
        </label>
        <fieldset className="backup-retention">
          <legend>Retention</legend>
          <div className="form-row">
            {RETENTION_FIELDS.map((field) => (
              <TextField
                key={field.key}
                label={field.label}
                name={field.key}
                type="number"
                inputMode="numeric"
                min={field.min}
                max={1000}
                value={retention[field.key]}
                onChange={(event) => setRetention({ ...retention, [field.key]: event.target.value })}
                hint={field.hint}
                error={retentionError(retention[field.key], field.min) ?? fieldError(`retention.${field.key}`)}
                data-testid={`backup-retention-${field.key}`}
              />
            ))}
          </div>
          <p className="field__hint">{policy ? retentionSummary(policy) : 'Whole numbers from 0 to 1000 (keep last: at least 1).'}</p>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.pending} data-testid="backup-settings-save">
            Save settings
          </Button>
          <Button onClick={() => setConfirmingPrune(true)} busy={pruneAction.pending} data-testid="backup-prune">
            Apply retention now…
          </Button>
        </div>
        <ErrorBanner message={pruneAction.error?.message} />
        {pruned && (
          <Alert tone="info" testId="backup-pruned">
            Retention applied: {pruned.deleted.length} {pruned.deleted.length === 1 ? 'backup' : 'backups'} deleted, {pruned.kept.length} kept.
          </Alert>
        )}
      </form>
      {confirmingPrune && (
        <Dialog
          title="Delete backups outside the retention policy?"
          size="sm"
          onClose={() => setConfirmingPrune(false)}
          footer={
            <>
              <Button onClick={() => setConfirmingPrune(false)}>Cancel</Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirmingPrune(false);
                  setPruned(null);
                  void pruneAction.run();
                }}
                data-testid="backup-prune-confirm"
              >
                Delete old backups
              </Button>
            </>
          }
        >
          <p>{retentionSummary(settings.retention)}</p>
          <p>Backups the saved policy does not keep, and any whose re-check failed, are deleted from the folder. This cannot be undone.</p>
        </Dialog>
      )}
    </section>
  );
}

/** Field errors shown beside their field; any other error is shown as a banner. */
function isShownField(name: string): boolean {
  return name === 'folder' || name === 'schedule' || RETENTION_FIELDS.some((field) => name === `retention.${field.key}`);
}

function retentionError(text: string, min: number): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) return 'A whole number';
  if (value < min || value > 1000) return `From ${min} to 1000`;
  return undefined;
}

function parseRetention(fields: Record<keyof RetentionPolicy, string>): RetentionPolicy | null {
  const policy = { keepLast: Number(fields.keepLast), daily: Number(fields.daily), weekly: Number(fields.weekly), monthly: Number(fields.monthly) };
  const ok = RETENTION_FIELDS.every((field) => retentionError(fields[field.key], field.min) === undefined);
  return ok ? policy : null;
}
