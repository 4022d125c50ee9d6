// One investigation (#investigation/<id>): the header with its status control, and tabs for the
// overview, alerts, entities, findings, evidence, actions, tasks, notes and timeline.
import { useEffect } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { Tabs, type TabDefinition } from '../../components/Tabs';
import { useNavigationStore } from '../../kit/navigation';
import type { InvestigationDetail } from '../../../src-shared/workspace-model';
import { takesChanges } from '../../../src-shared/investigation-status';
import { ActionsTab } from '../actions/ActionsTab';
import { EvidenceTab } from '../evidence/EvidenceTab';
import { useDirectoryStore } from '../investigations/directory-store';
import { AlertsTab } from './AlertsTab';
import { EntitiesTab } from './EntitiesTab';
import { FindingsTab } from './FindingsTab';
import { InvestigationHeader } from './InvestigationHeader';
import { NotesTab } from './NotesTab';
import { OverviewTab } from './OverviewTab';
import { TasksTab } from './TasksTab';
import { TimelineTab } from './TimelineTab';
import { useInvestigationStore } from './store';
import './workspace-parts.css';
import './investigation.css';
import { investigationLocation, investigationParam, type TabId } from './investigation-route';

export type { TabId } from './investigation-route';

function tabsFor(detail: InvestigationDetail): TabDefinition<TabId>[] {
  const { counts } = detail;
  return [
    { id: 'overview', label: 'Overview' },
    { id: 'alerts', label: 'Alerts', badge: counts.alerts },
    { id: 'entities', label: 'Entities', badge: counts.entities },
    { id: 'findings', label: 'Findings', badge: counts.findings },
    { id: 'evidence', label: 'Evidence', badge: counts.evidence },
    { id: 'actions', label: 'Actions', badge: counts.actions },
    { id: 'tasks', label: 'Tasks', badge: counts.tasks > 0 ? `${counts.tasks - counts.openTasks}/${counts.tasks}` : 0 },
    { id: 'notes', label: 'Notes', badge: counts.notes },
    { id: 'timeline', label: 'Timeline' },
  ];
}

export function InvestigationPage() {
  const param = useNavigationStore((state) => state.param);
  const navigate = useNavigationStore((state) => state.navigate);
  const investigationId = useInvestigationStore((state) => state.investigationId);
  const { data: detail, status, error } = useInvestigationStore((state) => state.detail);
  const open = useInvestigationStore((state) => state.open);
  const reload = useInvestigationStore((state) => state.reload);
  const ensureDirectory = useDirectoryStore((state) => state.ensureLoaded);
  // The tab is in the URL (#investigation/<id>/<tab>): linkable, and Back returns to the last tab.
  const { id: routeId, tab } = investigationLocation(param);
  const setTab = (next: TabId) => {
    if (routeId) navigate('investigation', investigationParam(routeId, next));
  };

  useEffect(() => {
    if (routeId) void open(routeId);
  }, [routeId, open]);

  useEffect(() => {
    void ensureDirectory();
  }, [ensureDirectory]);

  const backToList = (
    <Button size="sm" variant="ghost" onClick={() => navigate('investigations')}>
      All investigations
    </Button>
  );

  if (!routeId) {
    return (
      <>
        <PageHeader title="Investigation" actions={backToList} />
        <Alert tone="info">No investigation chosen. Open one from the list.</Alert>
      </>
    );
  }

  const current = detail && investigationId === routeId && detail.id === routeId ? detail : null;
  if (!current) {
    return (
      <>
        <PageHeader title="Investigation" actions={backToList} />
        {status === 'failed' ? (
          <Alert tone="error" title="Could not open this investigation" testId="investigation-error">
            <p>{error}</p>
            <Button size="sm" onClick={() => void reload()}>
              Retry
            </Button>
          </Alert>
        ) : (
          <p className="muted" role="status">
            Loading investigation…
          </p>
        )}
      </>
    );
  }

  return (
    <div className="investigation" data-testid="investigation-page">
      <div className="investigation__crumbs">{backToList}</div>
      <InvestigationHeader detail={current} />
      <Tabs<TabId> label="Investigation sections" tabs={tabsFor(current)} selected={tab} onSelect={setTab} testId="investigation-tabs">
        {tab === 'overview' && <OverviewTab detail={current} />}
        {tab === 'alerts' && <AlertsTab />}
        {tab === 'entities' && <EntitiesTab />}
        {tab === 'findings' && <FindingsTab />}
        {tab === 'evidence' && <EvidenceTab investigationId={current.id} closed={!takesChanges(current.status)} />}
        {tab === 'actions' && <ActionsTab investigationId={current.id} />}
        {tab === 'tasks' && <TasksTab />}
        {tab === 'notes' && <NotesTab />}
        {tab === 'timeline' && <TimelineTab onOpen={setTab} />}
      </Tabs>
    </div>
  );
}
