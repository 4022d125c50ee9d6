// Who an assignee filter means. 'me' is the caller of the session the router checked, resolved here
// in main: a window never names "me" by an id it chose, so it cannot read another analyst's queue
// as its own. Every channel with an assignee filter resolves it through this one function.
import type { AssigneeChoice } from '../../src-shared/my-work-contract';

/** An assignee filter as SQL takes it: unassigned, or one user's id. */
export type ResolvedAssignee = 'none' | { userId: string };

export function resolveAssignee(choice: AssigneeChoice, callerId: string): ResolvedAssignee {
  if (choice === 'none') return 'none';
  return { userId: choice === 'me' ? callerId : choice };
}

/** The filter with 'me' replaced by the caller's id, ready for SQL (which refuses an unresolved 'me'). */
export function withCaller<F extends { assignee?: AssigneeChoice | undefined }>(filter: F, callerId: string): F {
  if (filter.assignee !== 'me') return filter;
  return { ...filter, assignee: callerId };
}

/** A bulk selection whose filter says 'me', resolved like a filter; picked ids pass through. */
export function selectionWithCaller<S extends { ids: string[] } | { filter: { assignee?: AssigneeChoice | undefined } }>(selection: S, callerId: string): S {
  return 'filter' in selection ? { ...selection, filter: withCaller(selection.filter, callerId) } : selection;
}

/** The SQL condition on an assignee column for a resolved choice. */
export function assigneeCondition(column: string, choice: AssigneeChoice): { sql: string; params: string[] } {
  // A 'me' here means a channel forgot withCaller: refuse rather than match nobody (or somebody).
  if (choice === 'me') throw new Error('An assignee of "me" must be resolved against the session first');
  const resolved = resolveAssignee(choice, '');
  return resolved === 'none' ? { sql: `${column} IS NULL`, params: [] } : { sql: `${column} = ?`, params: [resolved.userId] };
}
