// Evidence of the investigation: add a file, list with hashes, verify integrity, view images
// (blurred by default), download with export_data, and each item's chain of custody.
import { useEffect, useState } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { DataTable, type Column } from '../../components/DataTable';
import { useAction } from '../../kit/use-action';
import { formatBytes } from '../../format/bytes';
import { formatDateTime } from '../../format/time';
import type { EvidenceItem, EvidenceVerification } from '../../../src-shared/workspace-model';
import { usePermission } from '../../kit/use-permission';
import { useEvidenceStore } from './store';
import { CUSTODY_LABELS, isViewableImage, shortHash } from './evidence-format';
import { saveFile } from '../../kit/download';
import { EvidenceUpload } from './EvidenceUpload';
import { EvidenceViewer } from './EvidenceViewer';
import '../investigation/workspace-parts.css';
import './evidence.css';

export function EvidenceTab({ investigationId, closed }: { investigationId: string; closed: boolean }) {
  const { items: { data: items, status, error }, verifications, load } = useEvidenceStore();
  const mayModify = usePermission('modify_investigations');
  const mayExport = usePermission('export_data');
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<EvidenceItem | null>(null);
  const [custodyOf, setCustodyOf] = useState<string | null>(null);

  // Always re-read on opening the tab: custody trails grow as others view and verify.
  useEffect(() => {
    void load(investigationId, true);
  }, [investigationId, load]);

  const selected = items.find((item) => item.id === custodyOf) ?? null;
  const columns = evidenceColumns({ verifications, mayExport, onView: setViewing, onCustody: setCustodyOf, custodyOf });

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Evidence</h2>
        <div className="toolbar">
          <Button size="sm" onClick={() => void load(investigationId, true)} busy={status === 'loading'}>
            Refresh
          </Button>
          {mayModify && !adding && !closed && (
            <Button size="sm" variant="primary" onClick={() => setAdding(true)} data-testid="evidence-add">
              Add evidence
            </Button>
          )}
        </div>
      </div>
      {adding && <EvidenceUpload onDone={() => setAdding(false)} />}
      <ErrorBanner message={error} />
      <DataTable
        label="Evidence"
        columns={columns}
        rows={items}
        rowKey={(item) => item.id}
        loading={status === 'loading' || status === 'idle'}
        emptyMessage="No evidence yet."
        testId="evidence-table"
      />
      {selected && <CustodyTrail item={selected} onClose={() => setCustodyOf(null)} />}
      {viewing && <EvidenceViewer item={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

interface ColumnOptions {
  verifications: Record<string, EvidenceVerification>;
  mayExport: boolean;
  custodyOf: string | null;
  onView(item: EvidenceItem): void;
  onCustody(id: string | null): void;
}

function evidenceColumns({ verifications, mayExport, custodyOf, onView, onCustody }: ColumnOptions): Column<EvidenceItem>[] {
  return [
    { id: 'name', header: 'Name', width: '22%', rowHeader: true, cell: (item) => item.fileName, fullText: (item) => `${item.fileName}${item.description ? ` — ${item.description}` : ''}` },
    { id: 'type', header: 'Type', width: '130px', cell: (item) => item.mediaType, fullText: (item) => item.mediaType },
    { id: 'size', header: 'Size', width: '80px', align: 'end', cell: (item) => formatBytes(item.size) },
    {
      id: 'sha256',
      header: 'SHA-256',
      width: '230px',
      cell: (item) => (
        <span className="hash-cell">
          <code title={item.sha256}>{shortHash(item.sha256)}</code>
          <CopyButton value={item.sha256} label="Copy" />
        </span>
      ),
    },
    {
      id: 'added',
      header: 'Added',
      width: '170px',
      cell: (item) => `${item.addedBy?.displayName ?? 'Unknown'}, ${formatDateTime(item.addedAt)}`,
      fullText: (item) => `${item.addedBy?.displayName ?? 'Unknown'}, ${formatDateTime(item.addedAt)}`,
    },
    { id: 'integrity', header: 'Integrity', width: '120px', cell: (item) => <IntegrityBadge result={verifications[item.id]} /> },
    {
      id: 'actions',
      header: 'Actions',
      width: '290px',
      cell: (item) => <EvidenceActions item={item} mayExport={mayExport} onView={onView} custodyOpen={custodyOf === item.id} onCustody={onCustody} />,
    },
  ];
}

function IntegrityBadge({ result }: { result: EvidenceVerification | undefined }) {
  if (!result) return <span className="muted">Not checked</span>;
  return result.ok ? (
    <Badge tone="success" title={`SHA-256 ${result.actual}`}>
      Intact
    </Badge>
  ) : (
    <Badge tone="danger" title={`Expected ${result.expected}, found ${result.actual}`}>
      Mismatch
    </Badge>
  );
}

function EvidenceActions({ item, mayExport, onView, custodyOpen, onCustody }: {
  item: EvidenceItem; mayExport: boolean; custodyOpen: boolean; onView(item: EvidenceItem): void; onCustody(id: string | null): void;
}) {
  const verify = useEvidenceStore((state) => state.verify);
  const exportFile = useEvidenceStore((state) => state.exportFile);
  const verifyAction = useAction(verify);
  const download = useAction(async (evidenceId: string) => {
    const content = await exportFile(evidenceId);
    saveFile(content.fileName, content.mediaType, content.dataBase64);
  });
  const error = verifyAction.error?.message ?? download.error?.message;

  return (
    <div className="cell-actions">
      <div className="cell-actions__buttons">
        {isViewableImage(item.mediaType) && (
          <Button size="sm" onClick={() => onView(item)} data-testid="evidence-view" aria-label={`View ${item.fileName}`}>
            View
          </Button>
        )}
        <Button size="sm" onClick={() => void verifyAction.run(item.id)} busy={verifyAction.pending} data-testid="evidence-verify" aria-label={`Verify ${item.fileName}`}>
          Verify
        </Button>
        {mayExport && (
          <Button size="sm" onClick={() => void download.run(item.id)} busy={download.pending} data-testid="evidence-download" aria-label={`Download ${item.fileName}`}>
            Download
          </Button>
        )}
        <Button size="sm" variant="ghost" aria-expanded={custodyOpen} onClick={() => onCustody(custodyOpen ? null : item.id)} aria-label={`Custody trail of ${item.fileName}`}>
          Custody
        </Button>
      </div>
      {error && (
        <span role="alert" className="status-control__error">
          {error}
        </span>
      )}
    </div>
  );
}

function CustodyTrail({ item, onClose }: { item: EvidenceItem; onClose(): void }) {
  const events = [...item.custody].sort((a, b) => a.at - b.at);
  return (
    <section className="panel" aria-labelledby="custody-title" data-testid="custody-trail">
      <div className="panel__heading">
        <h3 id="custody-title">Chain of custody: {item.fileName}</h3>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Hide
        </Button>
      </div>
      {events.length === 0 ? (
        <Alert tone="warning" role="status">
          No custody events recorded.
        </Alert>
      ) : (
        <ol className="custody-list">
          {events.map((event, index) => (
            <li key={`${event.at}-${index}`} className={event.event === 'verify_failed' ? 'is-failed' : undefined}>
              <span className="custody-list__when">{formatDateTime(event.at)}</span>
              <span className="custody-list__what">{CUSTODY_LABELS[event.event]}</span>
              <span className="muted">{event.by?.displayName ?? 'Unknown'}</span>
              {event.detail && <span className="custody-list__detail">{event.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
