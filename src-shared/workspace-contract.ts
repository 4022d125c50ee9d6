// Channels of the investigation workspace: alerts and triage, imports, investigations and
// their parts, entities, evidence, actions, search, PII reveals and exports. Gathered into the one
// contract by contract.ts.
import { z } from 'zod';
import { activeSession, channel, needs } from './channel';
import type { AlertImportSummary, AlertPage, DemoSummary } from './model';
import { ALERT_STATUSES, SEVERITIES } from './model';
import type {
  ActionDryRun, ActionItem, AlertDetail, AlertFilterMatch, BulkResult, DirectoryUser, EntityDetail, EntityGraph, EvidenceContent, EvidenceItem,
  EvidenceVerification, ExportFile, Finding, InvestigationDetail, InvestigationImportSummary, InvestigationPage, InvestigationTemplate,
  Note, PiiReveal, QueryHistoryItem, SavedQuery, SearchResults, SimilarAlert, Task, TimelineItem, UploadTicket,
} from './workspace-model';
import {
  ACTION_KINDS, DISMISS_REASONS, INVESTIGATION_STATUSES, RESOLUTIONS, TEMPLATE_IDS,
} from './workspace-model';
import { ALERT_SORTS, INVESTIGATION_SORTS, assigneeChoiceSchema } from './my-work-contract';
import { EXPORT_ROW_CAP } from './limits';

const idSchema = z.string().uuid();
const tagSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9:_-]{0,39}$/, 'Tags are 1–40 letters, digits, colon, dash or underscore');
const titleSchema = z.string().trim().min(1, 'Give it a title').max(200);
const reasonSchema = z.string().trim().min(3, 'Say why (at least 3 characters)').max(1000);
const markdownSchema = z.string().max(100_000, 'At most 100,000 characters');
const timestampSchema = z.number().int().min(0).max(8_640_000_000_000_000);

/** The triage queue's filter, shared by listing, counting, bulk actions and exports. */
export const alertFilterSchema = z.object({
  status: z.array(z.enum(ALERT_STATUSES)).min(1).max(ALERT_STATUSES.length).optional(),
  severity: z.array(z.enum(SEVERITIES)).min(1).max(SEVERITIES.length).optional(),
  source: z.string().trim().min(1).max(80).optional(),
  rule: z.string().trim().min(1).max(120).optional(),
  /** Sources or rules starting with these characters (the filter bar's boxes); source and rule are exact (links). */
  sourcePrefix: z.string().trim().min(1).max(80).optional(),
  rulePrefix: z.string().trim().min(1).max(120).optional(),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  entityId: idSchema.optional(),
  investigationId: idSchema.optional(),
  assignee: assigneeChoiceSchema.optional(),
  /** Words that must all appear in the title or description. */
  text: z.string().trim().min(1).max(200).optional(),
}).strict();

/** Which alerts a bulk action applies to: picked rows, or every alert matching a filter ("all N"). */
export const alertSelectionSchema = z.union([
  z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict(),
  z.object({ filter: alertFilterSchema, expectedCount: z.number().int().min(0).optional() }).strict(),
]);

const investigationDraftSchema = z.object({
  title: titleSchema,
  summary: markdownSchema.default(''),
  severity: z.enum(SEVERITIES).optional(),
  templateId: z.enum(TEMPLATE_IDS).optional(),
  assigneeId: idSchema.nullable().optional(),
  tags: z.array(tagSchema).max(20).optional(),
  slaDueAt: timestampSchema.nullable().optional(),
}).strict();

const importOptionsSchema = {
  format: z.enum(['csv', 'ndjson', 'json']).optional(),
  mode: z.enum(['good_rows', 'all_or_nothing']).default('all_or_nothing'),
  /** A saved mapping profile (validated by the importer); auto-detected from the headers when absent. */
  mapping: z.unknown().optional(),
  /** IANA zone for times written without an offset. */
  timeZone: z.string().min(1).max(64).default('UTC'),
};

export const workspaceChannels = {
  // --- alerts and triage ---
  'alerts.list': channel<AlertPage>()({
    input: alertFilterSchema.extend({
      order: z.enum(['newest', 'oldest']).default('newest'),
      /** The leading sort column; ties go by occurred time then id, in the same direction as `order`. */
      sort: z.enum(ALERT_SORTS).default('occurred'),
      /** `key`: the last row's rank in the sort (absent when sorting by occurred time). */
      after: z.object({ occurredAt: z.number().int(), id: z.string().max(64), key: z.number().int().optional() }).strict().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    access: needs('read_investigations'),
  }),
  'alerts.count': channel<{ count: number }>()({ input: alertFilterSchema, access: needs('read_investigations') }),
  'alerts.get': channel<AlertDetail>()({ input: z.object({ alertId: idSchema }).strict(), access: needs('read_investigations') }),
  /** Whether one alert matches the queue's filter now, judged by the list's own SQL (the detail panel's "no longer matches"). */
  'alerts.matchesFilter': channel<AlertFilterMatch>()({
    input: z.object({ alertId: idSchema, filter: alertFilterSchema }).strict(),
    access: needs('read_investigations'),
  }),
  'alerts.similar': channel<SimilarAlert[]>()({
    input: z.object({ alertId: idSchema, limit: z.number().int().min(1).max(50).default(10) }).strict(),
    access: needs('read_investigations'),
  }),
  'alerts.bulk': channel<BulkResult>()({
    input: z.object({
      selection: alertSelectionSchema,
      action: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('dismiss'), reason: z.enum(DISMISS_REASONS), comment: z.string().trim().max(500).optional() }).strict(),
        z.object({ kind: z.literal('acknowledge') }).strict(),
        z.object({ kind: z.literal('reopen') }).strict(),
        z.object({ kind: z.literal('assign'), assigneeId: idSchema.nullable() }).strict(),
      ]),
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'alerts.promote': channel<InvestigationDetail>()({
    input: z.object({ selection: alertSelectionSchema, investigation: investigationDraftSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'alerts.merge': channel<BulkResult>()({
    input: z.object({ selection: alertSelectionSchema, investigationId: idSchema }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),

  // --- imports: by path from the CLI; from a window by upload (begin, chunks, finish) ---
  'alerts.importFile': channel<AlertImportSummary>()({
    input: z.object({ path: z.string().min(1).max(4096), source: z.string().trim().min(1).max(80), ...importOptionsSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'investigations.importFile': channel<InvestigationImportSummary>()({
    input: z.object({ path: z.string().min(1).max(4096), source: z.string().trim().min(1).max(80), ...importOptionsSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'uploads.begin': channel<UploadTicket>()({
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      size: z.number().int().min(0).max(64 * 1024 ** 3),
    }).strict(),
    access: needs('create_investigations'),
  }),
  'uploads.chunk': channel<{ received: number }>()({
    input: z.object({
      uploadId: idSchema,
      /** Byte offset of this chunk: a retried or reordered chunk is refused, never appended twice. */
      offset: z.number().int().min(0),
      dataBase64: z.string().max(1_500_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Chunks are base64'),
    }).strict(),
    access: needs('create_investigations'),
  }),
  'uploads.cancel': channel<null>()({ input: z.object({ uploadId: idSchema }).strict(), access: needs('create_investigations') }),
  'alerts.importUpload': channel<AlertImportSummary>()({
    input: z.object({ uploadId: idSchema, jobId: idSchema, source: z.string().trim().min(1).max(80), ...importOptionsSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'investigations.importUpload': channel<InvestigationImportSummary>()({
    input: z.object({ uploadId: idSchema, jobId: idSchema, source: z.string().trim().min(1).max(80), ...importOptionsSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  /** Stops a running job: an import's transaction rolls back, nothing is written; an export ends without a file. */
  'jobs.cancel': channel<null>()({ input: z.object({ jobId: idSchema }).strict(), access: activeSession }),

  'demo.generate': channel<DemoSummary>()({
    input: z.object({
      alerts: z.number().int().min(1).max(2_000_000),
      seed: z.number().int().min(0).max(2 ** 31).default(7),
      days: z.number().int().min(1).max(365).default(56),
      investigations: z.number().int().min(0).max(10_000).optional(),
    }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),

  // --- investigations ---
  'users.directory': channel<DirectoryUser[]>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
  'investigations.templates': channel<InvestigationTemplate[]>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
  'investigations.list': channel<InvestigationPage>()({
    input: z.object({
      status: z.array(z.enum(INVESTIGATION_STATUSES)).min(1).max(INVESTIGATION_STATUSES.length).optional(),
      assignee: assigneeChoiceSchema.optional(),
      severity: z.array(z.enum(SEVERITIES)).min(1).max(SEVERITIES.length).optional(),
      tag: tagSchema.optional(),
      text: z.string().trim().min(1).max(200).optional(),
      /** Opened at or after / before, ms: [openedFrom, openedTo), the instants analytics counts a case opened in. */
      openedFrom: timestampSchema.optional(),
      openedTo: timestampSchema.optional(),
      /** The resolution standing now; 'not_recorded': closed without one (imported cases). */
      resolution: z.enum([...RESOLUTIONS, 'not_recorded']).optional(),
      /** Resolved at or after / before, ms: the resolution standing now, as analytics counts resolutions per day. */
      resolvedFrom: timestampSchema.optional(),
      resolvedTo: timestampSchema.optional(),
      sort: z.enum(INVESTIGATION_SORTS).default('updated'),
      direction: z.enum(['desc', 'asc']).default('desc'),
      /** `key`: the sort column's value of the last row (absent when sorting by last update). */
      after: z.object({ updatedAt: z.number().int(), id: z.string().max(64), key: z.string().max(20).optional() }).strict().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }).strict(),
    access: needs('read_investigations'),
  }),
  'investigations.get': channel<InvestigationDetail>()({
    input: z.object({ investigationId: idSchema }).strict(),
    access: needs('read_investigations'),
  }),
  'investigations.create': channel<InvestigationDetail>()({
    input: investigationDraftSchema,
    access: needs('create_investigations'),
    audited: true,
  }),
  'investigations.update': channel<InvestigationDetail>()({
    input: z.object({
      investigationId: idSchema,
      title: titleSchema.optional(),
      summary: markdownSchema.optional(),
      severity: z.enum(SEVERITIES).optional(),
      assigneeId: idSchema.nullable().optional(),
      tags: z.array(tagSchema).max(20).optional(),
      slaDueAt: timestampSchema.nullable().optional(),
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'investigations.setStatus': channel<InvestigationDetail>()({
    input: z.object({
      investigationId: idSchema,
      status: z.enum(INVESTIGATION_STATUSES),
      /** Required when closing. */
      resolution: z.enum(RESOLUTIONS).optional(),
      reason: z.string().trim().max(1000).optional(),
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'investigations.entities': channel<EntityGraph>()({
    input: z.object({ investigationId: idSchema, maxNodes: z.number().int().min(2).max(500).default(150) }).strict(),
    access: needs('read_investigations'),
  }),
  'investigations.timeline': channel<TimelineItem[]>()({
    /** The zone alert occurrences are grouped into days in, when there are too many to list (UTC when absent). */
    input: z.object({ investigationId: idSchema, timeZone: z.string().min(1).max(64).optional() }).strict(),
    access: needs('read_investigations'),
  }),

  'notes.list': channel<Note[]>()({ input: z.object({ investigationId: idSchema }).strict(), access: needs('read_investigations') }),
  'notes.add': channel<Note>()({
    input: z.object({ investigationId: idSchema, body: z.string().trim().min(1, 'Write something').max(20_000) }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'findings.list': channel<Finding[]>()({ input: z.object({ investigationId: idSchema }).strict(), access: needs('read_investigations') }),
  'findings.add': channel<Finding>()({
    input: z.object({ investigationId: idSchema, title: titleSchema, body: markdownSchema }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'findings.update': channel<Finding>()({
    input: z.object({ findingId: idSchema, title: titleSchema.optional(), body: markdownSchema.optional() }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'tasks.list': channel<Task[]>()({ input: z.object({ investigationId: idSchema }).strict(), access: needs('read_investigations') }),
  'tasks.add': channel<Task>()({
    input: z.object({ investigationId: idSchema, title: titleSchema, assigneeId: idSchema.nullable().optional(), dueAt: timestampSchema.nullable().optional() }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'tasks.update': channel<Task>()({
    input: z.object({ taskId: idSchema, done: z.boolean().optional(), title: titleSchema.optional(), assigneeId: idSchema.nullable().optional() }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),

  // --- entities ---
  'entities.get': channel<EntityDetail>()({ input: z.object({ entityId: idSchema }).strict(), access: needs('read_investigations') }),

  // --- evidence (files arrive by upload) ---
  'evidence.list': channel<EvidenceItem[]>()({ input: z.object({ investigationId: idSchema }).strict(), access: needs('read_investigations') }),
  'evidence.add': channel<EvidenceItem>()({
    input: z.object({
      investigationId: idSchema,
      uploadId: idSchema,
      mediaType: z.string().trim().toLowerCase().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, 'A media type like image/png').max(100),
      description: z.string().trim().max(2000).default(''),
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'evidence.view': channel<EvidenceContent>()({ input: z.object({ evidenceId: idSchema }).strict(), access: needs('read_investigations'), audited: true }),
  'evidence.export': channel<EvidenceContent>()({ input: z.object({ evidenceId: idSchema }).strict(), access: needs('export_data'), audited: true }),
  'evidence.verify': channel<EvidenceVerification>()({ input: z.object({ evidenceId: idSchema }).strict(), access: needs('read_investigations'), audited: true }),

  // --- actions (four eyes for destructive kinds) ---
  'actions.list': channel<ActionItem[]>()({
    input: z.object({
      investigationId: idSchema.optional(),
      /** "awaiting my approval": proposed destructive actions by someone else. */
      awaitingApproval: z.boolean().optional(),
    }).strict(),
    access: needs('read_investigations'),
  }),
  'actions.propose': channel<ActionItem>()({
    input: z.object({
      investigationId: idSchema,
      kind: z.enum(ACTION_KINDS),
      targetEntityIds: z.array(idSchema).min(1, 'Pick at least one target').max(1000),
      reason: reasonSchema,
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'actions.dryRun': channel<ActionDryRun>()({ input: z.object({ actionId: idSchema }).strict(), access: needs('read_investigations') }),
  'actions.approve': channel<ActionItem>()({
    input: z.object({ actionId: idSchema, comment: z.string().trim().max(1000).optional() }).strict(),
    access: needs('approve_actions'),
    audited: true,
  }),
  'actions.reject': channel<ActionItem>()({
    input: z.object({ actionId: idSchema, comment: reasonSchema }).strict(),
    access: needs('approve_actions'),
    audited: true,
  }),
  'actions.execute': channel<ActionItem>()({
    input: z.object({ actionId: idSchema }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  'actions.revert': channel<ActionItem>()({
    input: z.object({ actionId: idSchema, reason: reasonSchema }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),

  // --- search ---
  'search.query': channel<SearchResults>()({
    input: z.object({
      /** `severity:high source:reports "exact phrase" words`; see docs for the fields. */
      query: z.string().trim().min(1, 'Type something to search for').max(500),
      kinds: z.array(z.enum(['alert', 'investigation', 'note', 'finding', 'entity'])).min(1).max(5).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }).strict(),
    access: needs('read_investigations'),
  }),
  'search.history': channel<QueryHistoryItem[]>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
  'search.savedList': channel<SavedQuery[]>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
  'search.save': channel<SavedQuery>()({
    input: z.object({ name: z.string().trim().min(1, 'Name the query').max(80), query: z.string().trim().min(1).max(500) }).strict(),
    access: needs('read_investigations'),
  }),
  'search.deleteSaved': channel<null>()({ input: z.object({ savedQueryId: idSchema }).strict(), access: needs('read_investigations') }),

  // --- PII ---
  /** Shows one entity's real value to a caller without access_pii, for a stated purpose and a limited time. */
  'pii.reveal': channel<PiiReveal>()({
    input: z.object({ entityId: idSchema, purpose: z.string().trim().min(10, 'State the purpose (at least 10 characters)').max(500) }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'pii.reveals': channel<PiiReveal[]>()({ input: z.object({}).strict(), access: needs('read_investigations') }),

  // --- exports ---
  'exports.alerts': channel<ExportFile>()({
    input: z.object({
      filter: alertFilterSchema, format: z.enum(['csv', 'json']), limit: z.number().int().min(1).max(EXPORT_ROW_CAP).default(50_000),
      /** Picked by the window so it can cancel (jobs.cancel) and match job.progress events. */
      jobId: idSchema.optional(),
    }).strict(),
    access: needs('export_data'),
    audited: true,
  }),
  'exports.investigation': channel<ExportFile>()({
    input: z.object({ investigationId: idSchema, format: z.enum(['csv', 'json']), jobId: idSchema.optional() }).strict(),
    access: needs('export_data'),
    audited: true,
  }),
} as const;
