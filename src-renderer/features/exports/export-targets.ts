// What "Export CSV / JSON…" exports on each screen that has it: the triage queue's applied filter,
// the investigations list's applied filter, the open investigation, or the search's last results. Shared by the screens'
// buttons and the command palette, so both export the same thing.
import type { PageId } from '../../kit/pages';
import { investigationLocation } from '../investigation/investigation-route';
import { useInvestigationStore } from '../investigation/store';
import { listQuery } from '../investigations/list-filter';
import { useInvestigationsStore } from '../investigations/store';
import { useSearchStore } from '../search/store';
import { useTriageStore } from '../triage/store';
import type { ExportTarget } from './export-plan';

export const EXPORTABLE_PAGES: readonly PageId[] = ['triage', 'investigations', 'investigation', 'search'];

export function exportTargetFor(page: PageId, param: string | null): ExportTarget | null {
  switch (page) {
    case 'triage':
      return { kind: 'alerts', filter: useTriageStore.getState().filter };
    case 'investigations':
      return { kind: 'investigations', filter: listQuery(useInvestigationsStore.getState().filter) };
    case 'investigation': {
      const detail = useInvestigationStore.getState().detail.data;
      const id = investigationLocation(param).id;
      return detail && detail.id === id ? { kind: 'investigation', investigationId: detail.id, key: detail.key } : null;
    }
    case 'search': {
      const results = useSearchStore.getState().results.data;
      return results ? { kind: 'search', query: results.query, counts: results.counts } : null;
    }
    default:
      return null;
  }
}
