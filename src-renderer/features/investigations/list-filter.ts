// The investigations list's filter form and what it asks main for. Empty fields mean "any";
// "Active" is every status but closed, the list's default.
import type { Severity } from '../../../src-shared/model';
import type { ChannelInput } from '../../../src-shared/contract';
import type { InvestigationStatus } from '../../../src-shared/workspace-model';

export type StatusChoice = '' | 'active' | InvestigationStatus;

export interface ListFilterDraft {
  status: StatusChoice;
  severity: Severity | '';
  assigneeId: string;
  tag: string;
  text: string;
}

export const DEFAULT_LIST_FILTER: ListFilterDraft = { status: 'active', severity: '', assigneeId: '', tag: '', text: '' };

export type ListQuery = Omit<ChannelInput<'investigations.list'>, 'after' | 'limit'>;

export function listQuery(draft: ListFilterDraft): ListQuery {
  const query: ListQuery = {};
  if (draft.status === 'active') query.status = ['open', 'in_progress', 'pending'];
  else if (draft.status !== '') query.status = [draft.status];
  if (draft.severity !== '') query.severity = [draft.severity];
  if (draft.assigneeId !== '') query.assigneeId = draft.assigneeId;
  const tag = draft.tag.trim().toLowerCase();
  if (tag !== '') query.tag = tag;
  const text = draft.text.trim();
  if (text !== '') query.text = text.slice(0, 200);
  return query;
}
