// The health panel (administrators): a row per check with its level as a coloured dot and a word,
// what was measured and the evidence, when it last ran and runs next, its open alert with
// Acknowledge and Resolve; the history of transitions below; "Run checks now".
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { formatAgo, formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import { HEALTH_CHECK_LABELS } from '../../../src-shared/health-policy';
import type { HealthCheckStatus, HealthLevel } from '../../../src-shared/health-model';
import { useHealthStore } from './store';
import './health.css';

const LEVEL_WORDS: Readonly<Record<HealthLevel, { word: string; tone: BadgeTone }>> = {
  ok: { word: 'OK', tone: 'success' },
  info: { word: 'Info', tone: 'info' },
  warning: { word: 'Warning', tone: 'warning' },
  error: { word: 'Error', tone: 'danger' },
  critical: { word: 'Critical', tone: 'danger' },
};

const TRANSITION_WORDS: Readonly<Record<string, string>> = {
  pending: 'Pending', pending_cleared: 'Cleared while pending', fired: 'Fired', escalated: 'Escalated', downgraded: 'Lowered',
  renotified: 'Reminded', acknowledged: 'Acknowledged', resolved: 'Resolved',
};

export function HealthPage() {
  const { status: { data: status, status: loadStatus, error }, history, nextBeforeId, load, runNow, loadMoreHistory } = useHealthStore();
  const run = useAction(runNow);
  const more = useAction(loadMoreHistory);
  const now = useNow(15_000);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="health-page">
      <PageHeader
        title="Health"
        description={
          status?.checkedAt
            ? `The installation measured from its real state: backups, disk, the vault, the audit chain, this process. Last measured ${formatAgo(status.checkedAt, now)}.`
            : 'The installation measured from its real state: backups, disk, the vault, the audit chain, this process.'
        }
        actions={
          <Button variant="primary" onClick={() => void run.run()} busy={run.pending || loadStatus === 'loading'} data-testid="health-run-now">
            Run checks now
          </Button>
        }
      />
      <ErrorBanner message={error ?? run.error?.message ?? null} />
      {status && (
        <p className="health-page__overall">
          Overall: <LevelWord level={status.overall} />
        </p>
      )}
      <div className="table-scroll" role="region" aria-label="Health checks" tabIndex={0} data-testid="health-checks">
        <table className="table" aria-busy={loadStatus === 'loading' || undefined}>
          <caption className="visually-hidden">Health checks</caption>
          <colgroup>
            <col style={{ width: '180px' }} />
            <col style={{ width: '120px' }} />
            <col />
            <col style={{ width: '110px' }} />
            <col style={{ width: '150px' }} />
            <col style={{ width: '240px' }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Level</th>
              <th scope="col">Value</th>
              <th scope="col">Last run</th>
              <th scope="col">Next run</th>
              <th scope="col">Alert</th>
            </tr>
          </thead>
          <tbody>
            {(status?.checks ?? []).map((check) => (
              <CheckRow key={check.check} check={check} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel" aria-labelledby="health-history-title">
        <h2 id="health-history-title">History</h2>
        {history.data.length === 0 ? (
          <p className="muted">No alert has fired yet.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Health alert history" tabIndex={0}>
            <table className="table" data-testid="health-history">
              <caption className="visually-hidden">Health alert history</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Check</th>
                  <th scope="col">What</th>
                  <th scope="col">Level</th>
                  <th scope="col">By</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {history.data.map((entry) => (
                  <tr key={entry.id} data-kind={entry.kind} data-check={entry.check}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{HEALTH_CHECK_LABELS[entry.check].label}</td>
                    <td>{TRANSITION_WORDS[entry.kind] ?? entry.kind}</td>
                    <td><LevelWord level={entry.level} /></td>
                    <td>{entry.actor ?? 'Vigil'}</td>
                    <td className="health-evidence">{entry.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextBeforeId !== null && (
          <Button onClick={() => void more.run()} busy={more.pending}>
            Older entries
          </Button>
        )}
      </section>
    </div>
  );
}

function LevelWord({ level }: { level: HealthLevel }) {
  const { word, tone } = LEVEL_WORDS[level];
  return <Badge tone={tone}>{word}</Badge>;
}

function CheckRow({ check, now }: { check: HealthCheckStatus; now: number }) {
  return (
    <tr data-testid="health-check-row" data-check={check.check} data-level={check.level}>
      <th scope="row">{check.label}</th>
      <td>
        <span className={`health-dot health-dot--${check.colour}`} aria-hidden="true" />
        <LevelWord level={check.level} />
        {check.pending && <div className="health-evidence">Pending {check.pending.level} since {formatAgo(check.pending.since, now)}</div>}
      </td>
      <td>
        {check.value === null ? '—' : `${check.value} ${check.unit}`}
        <div className="health-evidence">{check.evidence}</div>
      </td>
      <td>{check.lastRunAt === null ? 'Not yet' : formatAgo(check.lastRunAt, now)}</td>
      <td>{check.nextRunAt === null ? '—' : formatDateTime(check.nextRunAt)}</td>
      <td>{check.alert ? <AlertCell check={check} now={now} /> : <span className="muted">None</span>}</td>
    </tr>
  );
}

function AlertCell({ check, now }: { check: HealthCheckStatus; now: number }) {
  const acknowledge = useHealthStore((state) => state.acknowledge);
  const resolve = useHealthStore((state) => state.resolve);
  const ack = useAction(acknowledge);
  const res = useAction(resolve);
  const [note, setNote] = useState('');
  const alert = check.alert;
  if (!alert) return null;
  const noteId = `health-note-${check.check}`;
  return (
    <div className="health-alert">
      <span>
        {alert.status === 'acknowledged' ? `Acknowledged by ${alert.acknowledgedBy ?? '?'}` : 'Firing'} · since {formatAgo(alert.firedAt, now)}
      </span>
      <label htmlFor={noteId} className="visually-hidden">Note for {check.label}</label>
      <input id={noteId} className="input" placeholder="Note (optional)" value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      <div className="health-alert__actions">
        {alert.status === 'firing' && (
          <Button size="sm" onClick={() => void ack.run(check.check, note)} busy={ack.pending} data-testid="health-ack">
            Acknowledge
          </Button>
        )}
        <Button size="sm" variant="danger" onClick={() => void res.run(check.check, note)} busy={res.pending} data-testid="health-resolve">
          Resolve
        </Button>
      </div>
      {(ack.error ?? res.error) && <p role="alert" className="field__error">{(ack.error ?? res.error)?.message}</p>}
    </div>
  );
}
