// The overview's sections: the user's queue, the team's backlog, today against the forecast and the
// unusual days. Each number says what it counts and over how many, and links to the list behind it
// (definitions: docs/METRICS.md, "Overview" and "Anomalies").
import type { MouseEvent, ReactNode } from 'react';
import { Badge, type BadgeTone } from '../../components/Badge';
import { formatAgo, formatDateTime } from '../../format/time';
import { hashFor, useNavigationStore } from '../../kit/navigation';
import { DEFAULT_LIST_FILTER } from '../investigations/list-filter';
import { useInvestigationsStore } from '../investigations/store';
import type { AnomalySeries, DayAnomaly, Overview, QueueItem, SeriesAnomalies, TodayForecast } from '../../../src-shared/analytics-model';
import { isRoughEstimate, staffingMissingText } from '../../../src-shared/staffing-note';
import { MarkExpected } from '../anomalies/MarkExpected';
import { useOverviewStore } from './overview-store';

const SLA_BADGE: Record<QueueItem['sla'], { tone: BadgeTone; label: string }> = {
  breached: { tone: 'danger', label: 'Breached' },
  at_risk: { tone: 'warning', label: 'At risk' },
  open: { tone: 'neutral', label: 'On time' },
};

const one = (value: number) => (Math.round(value * 10) / 10).toLocaleString();
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** Opens the investigations list with a filter set first, so the list behind a number is what it counted. */
function ListLink({ assigneeId, children }: { assigneeId?: string; children: ReactNode }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const open = (event: MouseEvent) => {
    event.preventDefault();
    useInvestigationsStore.setState({ filter: { ...DEFAULT_LIST_FILTER, assigneeId: assigneeId ?? '' } });
    navigate('investigations');
  };
  return <a href={hashFor('investigations')} onClick={open}>{children}</a>;
}

/** `id` doubles as the grid area (home.css) and the test id. */
function Section({ id, title, count, children }: { id: string; title: string; count?: ReactNode; children: ReactNode }) {
  return (
    <section className={`panel overview__section ${id}`} aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}{count !== undefined && <span className="overview__count">{count}</span>}</h2>
      {children}
    </section>
  );
}

function dueText(item: QueueItem, now: number): string {
  const hours = (item.dueAt - now) / 3_600_000;
  const span = Math.abs(hours) < 48 ? `${one(Math.abs(hours))} h` : `${one(Math.abs(hours) / 24)} d`;
  return hours < 0 ? `overdue by ${span}` : `due in ${span}`;
}

export function MyQueue({ overview, userId }: { overview: Overview; userId: string }) {
  const { investigations, untriagedAlerts } = overview.myQueue;
  return (
    <Section id="overview-queue" title="My queue" count={investigations.n}>
      <p className="panel__description">
        Investigations assigned to you and not closed: breached first, then at risk (due within {one(investigations.atRiskWindowMs / 3_600_000)} h), then by due time.
      </p>
      {investigations.n === 0 ? (
        <p className="overview__empty">No investigations assigned to you.</p>
      ) : (
        <ul className="overview__queue">
          {investigations.items.map((item) => (
            <li key={item.id}>
              <Badge tone={SLA_BADGE[item.sla].tone}>{SLA_BADGE[item.sla].label}</Badge>
              <a className="overview__queue-title" href={hashFor('investigation', item.id)} title={item.title}>
                <span className="mono">{item.key}</span> {item.title}
              </a>
              <span className="overview__queue-due" title={`${formatDateTime(item.dueAt)}${item.dueFrom === 'severity-target' ? ` (${item.severity} target from opening)` : ' (its own due time)'}`}>
                {item.severity} · {dueText(item, overview.generatedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="overview__links">
        {investigations.n > investigations.items.length && <>Showing the first {investigations.items.length}. </>}
        <ListLink assigneeId={userId}>Open my queue as a list</ListLink>
        {' · '}
        {untriagedAlerts.n === 0
          ? <span className="muted">No alerts assigned to you wait for a verdict.</span>
          : <a href={hashFor('triage', 'status=new')}>{plural(untriagedAlerts.n, 'untriaged alert')} assigned to you{untriagedAlerts.oldestCreatedAt !== null && `, oldest ${formatAgo(untriagedAlerts.oldestCreatedAt, overview.generatedAt)}`}</a>}
      </p>
    </Section>
  );
}

function AgeBars({ ages, label }: { ages: Array<{ label: string; count: number }>; label: string }) {
  const max = Math.max(1, ...ages.map((a) => a.count));
  return (
    <table className="overview__ages" aria-label={label}>
      <tbody>
        {ages.map((a) => (
          <tr key={a.label}>
            <th scope="row">{a.label}</th>
            <td className="overview__ages-n">{a.count.toLocaleString()}</td>
            <td className="overview__ages-bar" aria-hidden="true">{a.count > 0 && <span style={{ width: `${Math.max(2, (a.count / max) * 100)}%` }} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TeamBacklog({ overview }: { overview: Overview }) {
  const { openInvestigations: open, untriagedAlerts } = overview.backlog;
  return (
    <Section id="overview-backlog" title="Team backlog">
      <div className="overview__split">
        <div>
          <h3><ListLink>{plural(open.n, 'open investigation')}</ListLink></h3>
          <p className="overview__note">{open.byStatus.open} open · {open.byStatus.in_progress} in progress · {open.byStatus.pending} pending; by age since opened</p>
          <AgeBars ages={open.ages} label="Open investigations by age" />
        </div>
        <div>
          <h3><a href={hashFor('triage', 'status=new')}>{plural(untriagedAlerts.n, 'untriaged alert')}</a></h3>
          <p className="overview__note">Waiting for a verdict; by age since they occurred</p>
          <AgeBars ages={untriagedAlerts.ages} label="Untriaged alerts by age" />
        </div>
      </div>
    </Section>
  );
}

function forecastText(forecast: TodayForecast): ReactNode {
  if (forecast.kind === 'insufficient-history') {
    return <span className="muted">No forecast yet: {forecast.days} days of history, {forecast.requiredDays} needed.</span>;
  }
  const p = forecast.point;
  return <>forecast {one(p.mean)} (80 %: {one(p.lower80)}–{one(p.upper80)}, {forecast.model === 'holt-winters' ? 'Holt-Winters' : 'seasonal naive'})</>;
}

export function Today({ overview }: { overview: Overview }) {
  const { today } = overview;
  const rows: Array<[string, number, TodayForecast]> = [
    ['Alerts', today.alerts, today.forecast.alerts],
    ['Investigations opened', today.investigations, today.forecast.investigations],
  ];
  return (
    <Section id="overview-today" title="Today so far">
      <p className="panel__description">{today.date} in {overview.timeZone}, up to {formatDateTime(today.through)}; the forecast is for the whole day.</p>
      <dl className="overview__today">
        {rows.map(([label, count, forecast]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd><strong className="overview__big">{count.toLocaleString()}</strong> <span className="overview__note">{forecastText(forecast)}</span></dd>
          </div>
        ))}
      </dl>
      <p className="overview__links"><a href={hashFor('analytics')}>Volumes and forecast in Analytics</a></p>
    </Section>
  );
}

const SERIES_LABEL: Record<AnomalySeries, string> = { alerts: 'Alerts', investigations: 'Investigations opened' };

function MarkControl({ day }: { day: DayAnomaly }) {
  const { markExpected, unmarkExpected } = useOverviewStore();
  return <MarkExpected day={day} onMark={(note) => markExpected(day.series, day.date, note)} onUnmark={() => unmarkExpected(day.series, day.date)} />;
}

function SeriesDays({ series, result }: { series: AnomalySeries; result: SeriesAnomalies }) {
  if (result.kind === 'insufficient-history') {
    return <p className="overview__empty">{SERIES_LABEL[series]}: not judged yet — {result.historyDays} days of data, {result.requiredDays} needed (4 weeks of baseline).</p>;
  }
  if (result.flagged.length === 0) {
    return <p className="overview__empty">{SERIES_LABEL[series]}: no unusual day among {plural(result.scoredDays, 'day')} scored{result.unscoredDays > 0 && ` (${result.unscoredDays} without 4 weeks of baseline)`}.</p>;
  }
  return (
    <>
      <p className="overview__note">{SERIES_LABEL[series]}: {result.flagged.length} of {plural(result.scoredDays, 'day')} scored above the bound.</p>
      <ul className="overview__anomalies">
        {result.flagged.map((day) => (
          <li key={day.date} data-testid={`anomaly-${series}-${day.date}`}>
            <div className="overview__anomaly-head">
              <strong>{day.date}</strong>{day.partial && <Badge tone="neutral">Day not over</Badge>}
              <span><strong>{day.count.toLocaleString()}</strong> {series === 'alerts' ? 'alerts' : 'opened'} · expected {one(day.expected)} · bound {one(day.upperBound)}</span>
            </div>
            <p className="overview__note">Baseline: same weekday on {day.baseline.join(', ')} (dispersion {one(day.dispersion)}).</p>
            <MarkControl day={day} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function Anomalies({ overview }: { overview: Overview }) {
  const { report, from, to } = overview.anomalies;
  const hours = report.hours;
  return (
    <Section id="overview-anomalies" title="Unusual days">
      <p className="panel__description">
        {from} to {to} ({overview.timeZone}): days whose count exceeds the 99 % seasonal bound over the same weekday in the {report.method.weeks} weeks before.
        An unusual completed day of alerts that nobody marked as expected is raised in the alert queue (rule volume-anomaly).
      </p>
      <SeriesDays series="alerts" result={report.days.alerts} />
      <SeriesDays series="investigations" result={report.days.investigations} />
      {hours.kind === 'insufficient-history' ? (
        <p className="overview__note">Hours of the last 7 days: not judged yet — {hours.historyDays} days of data, {hours.requiredDays} needed.</p>
      ) : (
        <p className="overview__note">
          Hours of the last 7 days: {hours.flagged.length === 0 ? `none of ${hours.scoredHours} above their hour of the week.` : `${hours.flagged.length} of ${hours.scoredHours} above their hour of the week — ${hours.flagged.slice(0, 6).map((h) => `${h.label} (${h.count}, expected ${one(h.expected)})`).join('; ')}${hours.flagged.length > 6 ? '; …' : ''}.`}
        </p>
      )}
      <p className="overview__links"><a href={hashFor('analytics')}>Daily volumes in Analytics</a></p>
    </Section>
  );
}

export function Team({ overview }: { overview: Overview }) {
  const { staffing: s, workload, from, to } = overview.team;
  return (
    <Section id="overview-team" title="Team">
      <p className="panel__description">
        {from} to {to} ({overview.timeZone}). Decisions are alert verdicts (acknowledge, dismiss, promote, add to investigation) and investigation closes, by who made them.
      </p>
      <p className="overview__staffing" data-testid="overview-staffing">
        {s.analystsNeeded === null ? staffingMissingText(s.missing) : (
          <><strong className="overview__big">{one(s.analystsNeeded)}</strong> analysts a day for the forecast inflow</>
        )}
        {isRoughEstimate(s) && <> <Badge tone="warning">Rough</Badge> <span className="overview__note">measured over only {plural(s.analystDays, 'analyst-day')}</span></>}
      </p>
      <p className="overview__note">
        = ({s.forecastAlertsPerDay === null ? '—' : one(s.forecastAlertsPerDay)} alerts + {s.forecastInvestigationsPerDay === null ? '—' : one(s.forecastInvestigationsPerDay)} investigations
        forecast a day, over the next 14) ÷ {s.throughputPerAnalystDay === null ? '—' : one(s.throughputPerAnalystDay)} decisions per analyst-day
        ({plural(s.decisions, 'decision')} over {plural(s.analystDays, 'analyst-day')}, by {s.analysts === 1 ? '1 person' : `${s.analysts} people`}).
      </p>
      {workload.length === 0 ? <p className="overview__empty">Nobody holds open investigations or made a decision in these days.</p> : (
        <div className="overview__table-wrap">
          <table className="overview__table" aria-label="Workload by person, alphabetical">
            <thead>
              <tr><th scope="col">Person</th><th scope="col">Open investigations assigned</th><th scope="col">Decisions</th><th scope="col">Alert verdicts</th><th scope="col">Closes</th></tr>
            </thead>
            <tbody>
              {workload.map((w) => (
                <tr key={w.userId}>
                  <th scope="row">{w.displayName}</th>
                  <td>{w.openAssigned.toLocaleString()}</td>
                  <td>{w.decisions.toLocaleString()}</td>
                  <td>{w.alertVerdicts.toLocaleString()}</td>
                  <td>{w.investigationResolutions.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
