// The numbers the controls judge by (the compliance policy), for administrators: read by everyone
// with audit access, saved by an administrator (audited with before and after), then re-evaluated.
import { useEffect, useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { api } from '../../api/client';
import { useAction } from '../../kit/use-action';
import { compliancePolicySchema, type CompliancePolicy } from '../../../src-shared/compliance-contract';
import { useComplianceStore } from './store';

const FIELDS: ReadonlyArray<{ key: keyof CompliancePolicy; label: string }> = [
  { key: 'backupMaxAgeHours', label: 'Newest backup at most (hours old)' },
  { key: 'restoreTestDays', label: 'A restore within (days)' },
  { key: 'oneTimePasswordDays', label: 'One-time password changed within (days)' },
  { key: 'maxIdleLockMinutes', label: 'Idle lock at most (minutes)' },
  { key: 'retentionRunMaxAgeDays', label: 'Retention ran within (days)' },
  { key: 'revealReviewDays', label: 'PII reveals reviewed within (days)' },
  { key: 'dormantDays', label: 'Accounts signed in within (days)' },
];

export function CompliancePolicySection() {
  const evaluate = useComplianceStore((state) => state.evaluate);
  const [saved, setSaved] = useState<CompliancePolicy | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    Promise.resolve().then(() => api.invoke('compliance.getPolicy', {})).then((policy) => {
      if (!current) return;
      setSaved(policy);
      setDraft(Object.fromEntries(FIELDS.map(({ key }) => [key, String(policy[key])])));
    }, () => undefined);
    return () => { current = false; };
  }, []);
  const save = useAction(async (policy: CompliancePolicy) => {
    setSaved(await api.invoke('compliance.updatePolicy', policy));
    await evaluate();
  });
  if (!saved) return null;
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = compliancePolicySchema.safeParse(Object.fromEntries(FIELDS.map(({ key }) => [key, Number(draft[key])])));
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => `${FIELDS.find((f) => f.key === issue.path[0])?.label ?? String(issue.path[0])}: ${issue.message}`).join('; '));
      return;
    }
    setProblem(null);
    void save.run(parsed.data);
  };
  return (
    <details className="panel compliance__policy" data-testid="compliance-policy">
      <summary>Policy: the numbers the controls judge by</summary>
      <form className="compliance__policy-form" onSubmit={submit}>
        {FIELDS.map(({ key, label }) => (
          <TextField key={key} label={label} inputMode="numeric" value={draft[key] ?? ''} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} data-testid={`compliance-policy-${key}`} />
        ))}
        <ErrorBanner message={problem ?? save.error?.message} />
        <Button type="submit" busy={save.pending} data-testid="compliance-policy-save">Save and re-evaluate</Button>
      </form>
    </details>
  );
}
