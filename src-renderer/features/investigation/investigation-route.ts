// Where an investigation page is: #investigation/<id> for its overview, #investigation/<id>/<tab>
// for another tab, so a tab can be linked, reloaded, and left and come back to with Back.
export const INVESTIGATION_TABS = ['overview', 'alerts', 'entities', 'findings', 'evidence', 'actions', 'tasks', 'notes', 'timeline'] as const;
export type TabId = (typeof INVESTIGATION_TABS)[number];

export interface InvestigationLocation {
  id: string | null;
  tab: TabId;
}

/** The page's route parameter read as an investigation id and a tab; an unknown tab is the overview. */
export function investigationLocation(param: string | null): InvestigationLocation {
  if (!param) return { id: null, tab: 'overview' };
  const slash = param.indexOf('/');
  if (slash < 0) return { id: param, tab: 'overview' };
  const tab = param.slice(slash + 1);
  return { id: param.slice(0, slash) || null, tab: (INVESTIGATION_TABS as readonly string[]).includes(tab) ? (tab as TabId) : 'overview' };
}

/** The route parameter for one tab of an investigation (the overview is the bare id). */
export function investigationParam(id: string, tab: TabId): string {
  return tab === 'overview' ? id : `${id}/${tab}`;
}
