// The investigation import as the router calls it: resolve the mapping (a saved profile, or
// auto-detected from the headers), then import on a connection of the importer's own, so no other
// request's writes join the import's transaction (as the alert import does).
import { basename } from 'node:path';
import type { InvestigationImportSummary } from '../../src-shared/workspace-model';
import { fileRecords, formatFromName } from '../alerts/import-file';
import { importOnOwnConnection, type ImportRequest, type ImportTarget } from '../import/import-connection';
import { detectInvestigationProfile, parseInvestigationProfile, type InvestigationProfile } from './investigation-columns';
import { importInvestigations } from './investigation-import';

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
      : parseInvestigationProfile(request.mapping)),
    (db, row, profile: InvestigationProfile) => importInvestigations(db, row, fileRecords(request.source, format), {
      profile, source: request.sourceName, mode: request.mode, fileName: basename(request.source.name), userId: request.userId, signal: request.signal,
    }, onProgress),
  );
}
