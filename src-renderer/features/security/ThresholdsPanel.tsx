// The rules' thresholds (docs/SECURITY-MONITORING.md), shown to whoever reads incidents and changed by
// an administrator; main checks the bounds (securityThresholdsSchema) and audits the change.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import { SECURITY_RULE_TITLES, type SecurityThresholds } from '../../../src-shared/security-model';
import { fromDraft, toDraft, type Draft } from './threshold-draft';
import { useSecurityStore } from './store';

const GROUP_TITLES: Readonly<Record<keyof SecurityThresholds, string>> = {
  signinFailuresPerUser: SECURITY_RULE_TITLES.signin_failures_user,
  signinFailuresOverall: SECURITY_RULE_TITLES.signin_failures_overall,
  signinAfterFailures: SECURITY_RULE_TITLES.signin_after_failures,
  unusualHour: SECURITY_RULE_TITLES.unusual_signin_hour,
  massExport: SECURITY_RULE_TITLES.mass_export,
  piiReveals: SECURITY_RULE_TITLES.pii_reveal_burst,
  piiRevealWithoutCase: SECURITY_RULE_TITLES.pii_reveal_without_case,
  permissionDenials: SECURITY_RULE_TITLES.permission_denials,
  totpFailures: SECURITY_RULE_TITLES.totp_failures,
  riskHalfLifeDays: 'Risk score',
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  count: 'Count', windowMinutes: 'Within (minutes)', failures: 'Failures before it', learningDays: 'Learning days',
  learningSignIns: 'Learning sign-ins', maxShare: 'Hour share at most (0–0.5)', historyDays: 'History days',
  floorRows: 'Rows per hour at least', baselineMultiple: '× their 95th percentile hour', baselineDays: 'Baseline days',
  enabled: 'On', riskHalfLifeDays: 'Half-life (days)',
};

export function ThresholdsPanel() {
  const thresholds = useSecurityStore((state) => state.thresholds);
  const loadThresholds = useSecurityStore((state) => state.loadThresholds);
  const mayChange = usePermission('admin_access');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void loadThresholds();
  }, [loadThresholds]);

  return (
    <details className="panel security-thresholds" data-testid="security-thresholds">
      <summary>
        <h2>Thresholds</h2>
      </summary>
      <p className="panel__description">When each rule fires. {mayChange ? 'Administrators change them; each change is audited.' : 'An administrator changes them.'}</p>
      <ErrorBanner message={thresholds.error} />
      {/* A new answer from main (a save, a reread) starts the form over from it. */}
      {thresholds.data && (
        <ThresholdsForm key={JSON.stringify(thresholds.data)} initial={thresholds.data} mayChange={mayChange} onSaved={setSaved} />
      )}
      {saved && <Alert tone="success" role="status">Saved. The next scan uses them.</Alert>}
    </details>
  );
}

export interface ThresholdsFormProps {
  initial: SecurityThresholds;
  mayChange: boolean;
  /** Told true once a save went through, false on the next edit. */
  onSaved(saved: boolean): void;
}

export function ThresholdsForm({ initial, mayChange, onSaved }: ThresholdsFormProps) {
  const saveThresholds = useSecurityStore((state) => state.saveThresholds);
  const save = useAction(saveThresholds);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onSaved(await save.run(fromDraft(draft)));
  };
  const set = (group: string, field: string, value: string | boolean) => {
    onSaved(false);
    setDraft((held) => ({ ...held, [group]: { ...held[group], [field]: value } }));
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <div className="security-thresholds__groups">
        {Object.entries(draft).map(([group, fields]) => (
          <fieldset key={group} disabled={!mayChange}>
            <legend>{GROUP_TITLES[group as keyof SecurityThresholds]}</legend>
            {Object.entries(fields).map(([field, value]) => (
              <label key={field} className="security-thresholds__field">
                <span>{FIELD_LABELS[field] ?? field}</span>
                {typeof value === 'boolean' ? (
                  <input type="checkbox" checked={value} onChange={(event) => set(group, field, event.target.checked)} />
                ) : (
                  <input
                    className="input"
                    type="number"
                    step="any"
                    required
                    value={value}
                    onChange={(event) => set(group, field, event.target.value)}
                    name={`${group}.${field}`}
                  />
                )}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {mayChange && (
        <div className="cell-actions__buttons">
          <Button type="submit" variant="primary" busy={save.pending} data-testid="security-thresholds-save">
            Save thresholds
          </Button>
        </div>
      )}
      {save.error && (
        <p role="alert" className="field__error">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
