// The entities behind the most alerts of the range (docs/METRICS.md, "Top entities"), read on their
// own after the report (top-entities-store.ts): values as the reader may see them (masked for roles
// without access to PII, with Reveal where allowed), each opening its entity page; the downloads
// carry the values as main gave them.
import { useEffect } from 'react';
import type { StatsReport, TopEntity } from '../../../src-shared/analytics-model';
import { formatShare } from '../../../src-shared/analytics-format';
import { topEntitiesTable } from '../../../src-shared/analytics-tables';
import { ErrorBanner } from '../../components/Alert';
import { DataTable, type Column } from '../../components/DataTable';
import type { Route } from '../../kit/pages';
import { MaskedValue } from '../pii/MaskedValue';
import { entityLink } from './list-links';
import { Downloads, Section } from './SectionParts';
import { useTopEntitiesStore } from './top-entities-store';

export function TopEntities({ range, onOpen }: { range: StatsReport['range']; onOpen(route: Route): void }) {
  const { top: { data: top, status, error }, load } = useTopEntitiesStore();
  const { from, to, timeZone } = range;
  useEffect(() => {
    void load({ from, to, timeZone });
  }, [load, from, to, timeZone]);
  // An answer for another range (the one before a change) is not shown as this one's.
  const shown = top && top.range.from === from && top.range.to === to && top.range.timeZone === timeZone ? top : null;
  const columns: Column<TopEntity>[] = [
    { id: 'kind', header: 'Kind', width: '90px', cell: (e) => e.kind },
    { id: 'value', header: 'Value', rowHeader: true, cell: (e) => <MaskedValue entity={e} onOpen={() => onOpen(entityLink(e.id))} /> },
    { id: 'alerts', header: 'Alerts', width: '90px', align: 'end', cell: (e) => e.alerts.toLocaleString() },
    { id: 'share', header: 'Share', width: '80px', align: 'end', cell: (e) => formatShare(e.share) },
    { id: 'cased', header: 'In cases', width: '90px', align: 'end', cell: (e) => e.inInvestigations.toLocaleString() },
  ];
  return (
    <Section title="Top entities" testId="analytics-top-entities" actions={shown && <Downloads table={topEntitiesTable(shown)} range={shown.range} title="Top entities" />}>
      <ErrorBanner message={status === 'failed' ? error : null} />
      {!shown && status !== 'failed' && <p className="muted">Counting…</p>}
      {shown && (
        <>
          <p className="muted analytics__hint">
            The {shown.entities.length} entities linked to the most of the {shown.alertsInRange.toLocaleString()} alerts that occurred in the range
            (ties by kind, then value); share is of those alerts; in cases: how many of its alerts are in an investigation. A value opens its entity page.
          </p>
          <div className="analytics__fit">
            <DataTable label="Top entities by alerts in the range" rows={shown.entities} columns={columns} rowKey={(e) => e.id} emptyMessage="No alert of the range is linked to an entity." testId="top-entities-table" />
          </div>
        </>
      )}
    </Section>
  );
}
