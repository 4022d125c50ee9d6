// Channels of reports. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import { localDate } from './analytics-contract';

export const REPORT_FORMATS = ['html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFile {
  fileName: string;
  mediaType: string;
  /** The file's bytes, base64. */
  contentBase64: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, also written to the audit row of its generation. */
  sha256: string;
  masked: boolean;
}

export const reportChannels = {
  /** Whoever reads a case may take its report; it says what the screen says to them, masked the same way. */
  'reports.investigation': channel<ReportFile>()({
    input: z.union([
      z.object({ investigationId: z.string().uuid(), format: z.enum(REPORT_FORMATS) }).strict(),
      // The command line names a case by its key.
      z.object({ investigationKey: z.string().trim().min(1).max(64), format: z.enum(REPORT_FORMATS) }).strict(),
    ]),
    access: needs('read_investigations'),
    audited: true,
  }),
  /** The analytics screen's numbers for a range, as a file to hand on: whoever may see the screen may take it. */
  'reports.analytics': channel<ReportFile>()({
    input: z.object({
      /** As analytics.stats: first and last local day, inclusive; the last 30 days to today when absent. */
      from: localDate.optional(),
      to: localDate.optional(),
      timeZone: z.string().min(1).max(64),
      format: z.enum(REPORT_FORMATS),
    }).strict(),
    access: needs('read_investigations'),
    audited: true,
  }),
};
