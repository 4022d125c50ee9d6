// Time to triage / acknowledge / resolve over a range, broken down by one grouping (analytics.durations):
// per group its n, mean, median and p95 and what is missing, the largest groups first, at most
// MAX_DURATION_GROUPS and the rest pooled as "other". docs/METRICS.md, "Durations broken down".
import {
  MAX_DURATION_GROUPS, type DurationBreakdown, type DurationGroup, type DurationGrouping, type GroupedDurations,
} from '../../src-shared/duration-breakdown-model';
import type { DurationBreakdownQueries, CaseDurations, GroupSummary } from './duration-breakdown-queries';
import { summarize } from './stats/percentile';
import { rangeWithEnds, type StatsRequest } from './stats-report';

/** The names groups are shown by: users' display names and templates' names, by id. */
export interface GroupNames {
  users: ReadonlyMap<string, string>;
  templates: ReadonlyMap<string, string>;
}

const NOT_APPLICABLE = {
  alertTemplate: 'Alerts have no template: only investigations are opened from one.',
  caseRule: 'Investigations have no rule: their alerts do (break time to triage down by rule).',
} as const;

export function buildDurationBreakdown(queries: DurationBreakdownQueries, request: StatsRequest, by: DurationGrouping, names: GroupNames): DurationBreakdown {
  const { first, last } = rangeWithEnds(request);
  const from = first.start;
  const to = last.end;
  const label = labeller(by, names);

  let triage: GroupedDurations;
  if (by === 'template') triage = { kind: 'not-applicable', reason: NOT_APPLICABLE.alertTemplate };
  else {
    const { kept, rest } = capGroups(queries.triageByGroup(by, from, to).map((g) => ({ ...g, label: label(g.key) })));
    triage = { kind: 'grouped', groups: kept.map(groupOf), other: rest.length === 0 ? null : { groups: rest.length, ...queries.triageOutside(by, kept.map((g) => g.key), from, to) } };
  }

  const cases = by === 'rule' ? null : queries.casesOpenedIn(from, to);
  const caseMeasure = (ms: (c: CaseDurations) => number | null): GroupedDurations => {
    if (by === 'rule' || cases === null) return { kind: 'not-applicable', reason: NOT_APPLICABLE.caseRule };
    const key = caseKey(by);
    const byKey = new Map<string | null, Array<number | null>>();
    for (const c of cases) {
      const k = key(c);
      const values = byKey.get(k) ?? [];
      values.push(ms(c));
      byKey.set(k, values);
    }
    const groups = [...byKey].map(([k, values]) => ({ key: k, label: label(k), values, ...sample(values) }));
    const { kept, rest } = capGroups(groups);
    return { kind: 'grouped', groups: kept.map(groupOf), other: rest.length === 0 ? null : { groups: rest.length, ...sample(rest.flatMap((g) => g.values)) } };
  };

  return {
    range: { from: first.date, to: last.date, timeZone: request.timeZone },
    generatedAt: request.now,
    by,
    triage,
    acknowledge: caseMeasure((c) => c.acknowledgeMs),
    resolve: caseMeasure((c) => c.resolveMs),
  };
}

function sample(values: ReadonlyArray<number | null>): Omit<GroupSummary, 'key'> {
  const measured = values.filter((v): v is number => v !== null);
  return { summary: summarize(measured), missing: values.length - measured.length };
}

function groupOf(g: DurationGroup): DurationGroup {
  return { key: g.key, label: g.label, summary: g.summary, missing: g.missing };
}

/** The largest groups first (by n, then by missing, then by name), split at the cap. */
export function capGroups<G extends DurationGroup>(groups: readonly G[]): { kept: G[]; rest: G[] } {
  const sorted = [...groups].sort((a, b) => b.summary.n - a.summary.n || b.missing - a.missing || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { kept: sorted.slice(0, MAX_DURATION_GROUPS), rest: sorted.slice(MAX_DURATION_GROUPS) };
}

function caseKey(by: Exclude<DurationGrouping, 'rule'>): (c: CaseDurations) => string | null {
  switch (by) {
    case 'severity': return (c) => c.severity;
    case 'source': return (c) => c.source;
    case 'assignee': return (c) => c.assigneeId;
    case 'template': return (c) => c.templateId;
  }
}

function labeller(by: DurationGrouping, names: GroupNames): (key: string | null) => string {
  switch (by) {
    case 'severity': return (key) => key ?? '—';
    // Alerts always have a source; an investigation has one only when it was imported.
    case 'source': return (key) => key ?? 'Opened in Vigil (not imported)';
    case 'rule': return (key) => key ?? 'No rule';
    case 'assignee': return (key) => (key === null ? 'Unassigned' : names.users.get(key) ?? `Unknown user (${key})`);
    case 'template': return (key) => (key === null ? 'No template' : names.templates.get(key) ?? key);
  }
}
