// Channels and types of column mapping in the GUI import: a preview of an uploaded
// file under a mapping (auto-detected or chosen by hand), and mapping profiles saved in the vault so
// the next export from the same tool imports in one step. Gathered into the one contract by contract.ts.
//
// Who may: anyone who reads investigations may list profiles; saving, deleting and previewing an
// upload need create_investigations, like the import channels that use them. A profile's own shape
// (fields, formats, a real IANA zone) is checked by mappingProfileSchema in main, the one schema the
// CLI's `--mapping FILE` also goes through, so a profile saved here imports there and back.
import { z } from 'zod';
import { channel, needs } from './channel';

/** Kept equal to src-main/import/timestamps.ts TIMESTAMP_FORMATS (a unit test compares them). */
export const MAPPING_TIME_FORMATS = ['auto', 'iso', 'epoch_s', 'epoch_ms', 'dmy', 'mdy', 'apache', 'rfc2822'] as const;
export type MappingTimeFormat = (typeof MAPPING_TIME_FORMATS)[number];

/** Kept equal to ALERT_FIELDS and INVESTIGATION_FIELDS in src-main/import/column-mapping.ts (a unit test compares them). */
export const MAPPING_FIELDS = {
  alerts: ['externalId', 'title', 'description', 'severity', 'status', 'source', 'rule', 'occurredAt', 'account', 'email', 'ip', 'domain', 'url', 'phone', 'device', 'content', 'payment'],
  investigations: ['externalId', 'title', 'status', 'severity', 'assignee', 'openedAt', 'closedAt', 'resolvedAt', 'updatedAt', 'tags'],
} as const;
export type MappingKind = keyof typeof MAPPING_FIELDS;
export const MAPPING_KINDS = ['alerts', 'investigations'] as const satisfies readonly MappingKind[];

/** The field whose time the preview shows per row (the one an alert cannot do without). */
export const MAPPING_TIME_FIELD = { alerts: 'occurredAt', investigations: 'openedAt' } as const satisfies Record<MappingKind, string>;

/** A mapping as the window edits it: a profile without its name. */
export interface MappingDraft {
  kind: MappingKind;
  /** field → header of the file. */
  columns: Record<string, string>;
  timestamp: { format: MappingTimeFormat; timeZone: string };
  severityMap?: Record<string, string>;
  statusMap?: Record<string, string>;
}

/** A profile as saved: what `--mapping FILE` takes, with its name. */
export type MappingProfileBody = MappingDraft & { name: string };

export interface SavedMappingProfile {
  id: string;
  name: string;
  kind: MappingKind;
  profile: MappingProfileBody;
  createdAt: number;
  updatedAt: number;
}

export interface ImportPreviewRow {
  /** Line in the file (CSV) or record number (JSON). */
  line: number;
  /** Values in header order; null when the record itself could not be read. */
  values: string[] | null;
  /** The mapped time column parsed under the mapping: UTC milliseconds, or why it fails; null when not mapped or empty. */
  time: { ok: true; ms: number } | { ok: false; reason: string } | null;
  /** Why the importer would reject this row under the mapping; null when it would import. */
  problem: string | null;
}

/**
 * How the rows the preview read would fold into alerts, counted by the importer's own rules (alerts
 * only). The preview reads the first rows of a file, never all of it (a million-row file is read
 * once, by the import): `wholeFile` says whether those were all the rows.
 */
export interface ImportFoldPreview {
  /** Records counted: the first ones of the file. */
  read: number;
  wholeFile: boolean;
  /** Of those, rows that would be written (not rejected, not imported before). */
  rows: number;
  /** Alerts those rows become, new or already in the vault. */
  alerts: number;
  /** Of `alerts`, ones already in the vault that rows fold into; null when not compared (no source name given). */
  vaultAlerts: number | null;
  /** Rows skipped: the same source and id were imported before (or earlier in the file). */
  alreadyImported: number;
  /** What rows share to fold, in words: "same detection, entity and hour". */
  basis: string;
}

export interface ImportPreview {
  fileName: string;
  format: 'csv' | 'ndjson' | 'json';
  headers: string[];
  /** The guess from the header names and the first rows: what the mapping step starts from. */
  detected: {
    columns: Record<string, string>;
    /** 'auto' when no single format fits the samples (reason says why). */
    timestamp: { format: MappingTimeFormat; timeZone: string };
    timeFormatReason: string | null;
  };
  /** The mapping the rows below were read under (the one passed in, else the detected one). */
  mapping: MappingDraft;
  /** The format the first rows of that mapping's time column fit ('auto' and a reason when none does); null when no time column is mapped. */
  mappedTime: { header: string; format: MappingTimeFormat; alternatives: MappingTimeFormat[]; reason: string | null } | null;
  rows: ImportPreviewRow[];
  /** How the first rows fold under the mapping; null for investigations or a mapping the importer refuses. */
  folding: ImportFoldPreview | null;
}

const idSchema = z.string().uuid();
const kindSchema = z.enum(MAPPING_KINDS);
const profileName = z.string().trim().min(1, 'Name the profile').max(120, 'Profile names are at most 120 characters');
/** A mapping to preview: its shape here, its fields and zone checked by the profile schema in main. */
const draftSchema = z.object({
  kind: kindSchema,
  columns: z.record(z.string().max(40), z.string().max(500)),
  timestamp: z.object({ format: z.enum(MAPPING_TIME_FORMATS), timeZone: z.string().min(1).max(64) }).strict(),
  severityMap: z.record(z.string().max(200), z.string().max(40)).optional(),
  statusMap: z.record(z.string().max(200), z.string().max(100)).optional(),
}).strict();

export const importProfileChannels = {
  'importProfiles.list': channel<SavedMappingProfile[]>()({
    input: z.object({ kind: kindSchema.optional() }).strict(),
    access: needs('read_investigations'),
  }),
  /** Same name (any case) as a live profile: CONFLICT unless `replace` (the window asks first). */
  'importProfiles.save': channel<SavedMappingProfile>()({
    input: z.object({ name: profileName, profile: draftSchema, replace: z.boolean().default(false) }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  'importProfiles.delete': channel<null>()({
    input: z.object({ profileId: idSchema }).strict(),
    access: needs('create_investigations'),
    audited: true,
  }),
  /** Reads an upload without taking it: the import that follows still finds it. */
  'imports.preview': channel<ImportPreview>()({
    input: z.object({
      uploadId: idSchema,
      kind: kindSchema,
      format: z.enum(['csv', 'ndjson', 'json']).optional(),
      /** For the detected mapping: times written without an offset. */
      timeZone: z.string().min(1).max(64).default('UTC'),
      /** Read the rows under this mapping instead of the detected one. */
      mapping: draftSchema.optional(),
      rows: z.number().int().min(1).max(50).default(10),
      /** The source name the import will use: rows are then compared with the vault's alerts too. */
      source: z.string().trim().min(1).max(80).optional(),
    }).strict(),
    access: needs('create_investigations'),
  }),
} as const;
