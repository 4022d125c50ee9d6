// The retention control: a policy is on and its daily run has happened recently.
import { lastRetentionRunAt } from '../../retention/retention-job';
import { readRetentionPolicy } from '../../retention/retention-policy';
import { DAY, when, type Control } from '../control';

export const retentionControl: Control = {
  id: 'retention_applied',
  title: 'Retention policy applied',
  remedy: 'Set the retention policy in Settings → Retention, turn its daily run on, and apply it once now.',
  frameworks: ['GDPR Art. 5(1)(e)', 'ISO 27001 A.8.10', 'SOC 2 C1.2'],
  evaluate({ repos, now, policy }) {
    const retention = readRetentionPolicy(repos.settings);
    const lastRunAt = lastRetentionRunAt(repos);
    const kept = (days: number | null) => (days === null ? 'kept' : `${days} days`);
    const evidence = {
      enabled: retention.enabled, lastRunAt: when(lastRunAt), withinDays: policy.retentionRunMaxAgeDays,
      closedInvestigations: kept(retention.closedInvestigations.days), dismissedAlerts: kept(retention.dismissedAlerts.days), evidence: kept(retention.evidence.days),
    };
    if (!retention.enabled) return { status: 'fail', reason: 'The retention policy\'s daily run is off.', evidence };
    if (lastRunAt === null) return { status: 'fail', reason: 'Retention has never run.', evidence };
    return now - lastRunAt <= policy.retentionRunMaxAgeDays * DAY
      ? { status: 'pass', reason: `Retention ran within ${policy.retentionRunMaxAgeDays} days.`, evidence }
      : { status: 'fail', reason: `Retention has not run for ${policy.retentionRunMaxAgeDays} days.`, evidence };
  },
};
