// Export channels beyond the triage queue's and one investigation's (workspace-contract.ts): the
// investigations list with its filter. Every export holds at most EXPORT_ROW_CAP rows; the file
// says how many matched, so a capped file is never mistaken for the whole set.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { ExportFile } from './workspace-model';
import { workspaceChannels } from './workspace-contract';
import { EXPORT_ROW_CAP } from './limits';

export { EXPORT_ROW_CAP } from './limits';

/** The investigations list's filter, without its paging. */
export const investigationListFilterSchema = workspaceChannels['investigations.list'].input.omit({ after: true, limit: true });

export const exportChannels = {
  'exports.investigations': channel<ExportFile>()({
    input: z.object({
      filter: investigationListFilterSchema,
      format: z.enum(['csv', 'json']),
      limit: z.number().int().min(1).max(EXPORT_ROW_CAP).default(EXPORT_ROW_CAP),
      /** Picked by the window so it can cancel (jobs.cancel) and match job.progress events. */
      jobId: z.string().uuid().optional(),
    }).strict(),
    access: needs('export_data'),
    audited: true,
  }),
  /** The search screen's results for a query: up to SEARCH_EXPORT_PER_KIND hits of each kind, with how many matched. */
  'exports.search': channel<ExportFile>()({
    input: z.object({
      query: z.string().trim().min(1).max(500),
      kinds: z.array(z.enum(['alert', 'investigation', 'note', 'finding', 'entity'])).min(1).max(5).optional(),
      format: z.enum(['csv', 'json']),
    }).strict(),
    access: needs('export_data'),
    audited: true,
  }),
} as const;
