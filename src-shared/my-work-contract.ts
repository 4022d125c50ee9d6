// "My work": who a filter means by its assignee, the values a source or rule filter can complete to,
// and "Start work" on an investigation. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { activeSession, channel, needs } from './channel';
import type { InvestigationDetail } from './workspace-model';

/**
 * An assignee filter: 'me' (the caller, resolved in main from the session, never from anything the
 * window sends), 'none' (unassigned) or one user's id.
 */
export const assigneeChoiceSchema = z.union([z.literal('me'), z.literal('none'), z.string().uuid()]);
export type AssigneeChoice = z.output<typeof assigneeChoiceSchema>;

/** How many values a source or rule completion offers at most. */
export const FACET_LIMIT = 50;

/** The tables whose columns a user can choose and size. */
export const COLUMN_TABLES = ['triage', 'investigations'] as const;

/** One user's columns of one table: which are hidden, and the widths they dragged (px). */
export const tableColumnsSchema = z.object({
  hidden: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/)).max(40),
  widths: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), z.number().int().min(40).max(1200)),
}).strict().refine((value) => Object.keys(value.widths).length <= 40, 'At most 40 column widths');
export type TableColumns = z.output<typeof tableColumnsSchema>;

export const myWorkChannels = {
  'tableColumns.get': channel<TableColumns>()({ input: z.object({ table: z.enum(COLUMN_TABLES) }).strict(), access: activeSession }),
  'tableColumns.save': channel<TableColumns>()({
    input: z.object({ table: z.enum(COLUMN_TABLES), columns: tableColumnsSchema }).strict(),
    access: activeSession,
  }),
  /** Distinct sources or rules of live alerts starting with `prefix`, in order, at most `limit`. */
  'alerts.facets': channel<{ values: string[] }>()({
    input: z.object({
      field: z.enum(['source', 'rule']),
      prefix: z.string().trim().max(120).default(''),
      limit: z.number().int().min(1).max(FACET_LIMIT).default(20),
    }).strict(),
    access: needs('read_investigations'),
  }),
  /** Takes an investigation: assigns it to the caller and moves it to in progress when the status model allows. */
  'investigations.startWork': channel<InvestigationDetail>()({
    input: z.object({ investigationId: z.string().uuid() }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
} as const;

/**
 * The triage queue's sorts. Each is a walk of one alerts index in keyset order (occurred time:
 * alerts_time; status: alerts_queue; severity: alerts_severity_order, schema v17), so page N costs
 * what page 1 does at a million alerts. No assignee sort: the names live in users, so ordering by
 * them cannot walk an alerts index (every matching alert would be read and sorted per page), and the
 * ids' order means nothing to a reader; the assignee filter (me, unassigned, one person) is the way in.
 */
export const ALERT_SORTS = ['occurred', 'severity', 'status'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** The investigations list's sorts: last update (investigations_recent) and status (investigations_status). */
export const INVESTIGATION_SORTS = ['updated', 'status'] as const;
export type InvestigationSort = (typeof INVESTIGATION_SORTS)[number];
