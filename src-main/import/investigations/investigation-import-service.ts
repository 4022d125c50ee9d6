// The investigation import as the router calls it: resolve the mapping (a saved profile, or
// auto-detected from the headers), then import on a connection of the importer's own, so no other
// request's writes join the import's transaction (as the alert import does).
import { basename } from 'node:path';
import { VigilError } from '../../../src-shared/errors';
import type { InvestigationImportSummary } from '../../../src-shared/workspace-model';
import { autoDetectMapping } from '../column-mapping';
import { fileRecords, formatFromName, readHeaders, type ByteSource, type FileFormat } from '../file-reader';
import { importOnOwnConnection, type ImportRequest, type ImportTarget } from '../import-connection';
import { profileOfKind } from '../profile-of-kind';
import { detectTimestampFormat, isEmptyValue } from '../timestamps';
import { importInvestigations } from './investigation-import';
import type { InvestigationProfile } from './investigation-row-mapper';

export type InvestigationFileImportRequest = ImportRequest;

export async function importInvestigationFile(
  request: InvestigationFileImportRequest,
  target: ImportTarget,
  onProgress: (done: number, phase: 'reading' | 'writing') => void,
): Promise<InvestigationImportSummary> {
  const format = request.format ?? formatFromName(request.source.name);
  return importOnOwnConnection(
    target,
    () => (request.mapping === undefined
      ? detectInvestigationProfile(request.source, format, request.timeZone)
      : profileOfKind(request.mapping, 'investigations')),
    (db, row, profile: InvestigationProfile) => importInvestigations(db, row, fileRecords(request.source, format), {
      profile, source: request.sourceName, mode: request.mode, fileName: basename(request.source.name), userId: request.userId, signal: request.signal,
    }, onProgress),
  );
}

/** Columns from the headers; the time format from the first rows of the opened (else updated, closed) column. */
export async function detectInvestigationProfile(source: ByteSource, format: FileFormat, timeZone: string): Promise<InvestigationProfile> {
  const headers = await readHeaders(source, format);
  const { columns } = autoDetectMapping(headers, 'investigations');
  if (!columns.externalId) throw new VigilError('VALIDATION', 'No case number column found: pass a mapping profile', { headers });
  const timeHeader = columns.openedAt ?? columns.updatedAt ?? columns.closedAt;
  if (!timeHeader) return { name: 'auto-detected', kind: 'investigations', columns, timestamp: { format: 'iso', timeZone } };
  const samples: string[] = [];
  for await (const record of fileRecords(source, format)) {
    if ('values' in record) {
      const value = record.values[timeHeader] ?? '';
      if (!isEmptyValue(value)) samples.push(value);
    }
    if (samples.length >= 200) break;
  }
  const detected = detectTimestampFormat(samples);
  if (!detected.ok) throw new VigilError('VALIDATION', `Cannot tell the time format of "${timeHeader}": ${detected.reason}`);
  return { name: 'auto-detected', kind: 'investigations', columns, timestamp: { format: detected.format, timeZone } };
}
