// The alert file import as the router calls it: resolve the mapping (a saved profile, or
// auto-detected from the headers with the time format detected from the first rows), then import on
// a connection of the importer's own, so no other request's writes join the import's transactions.
import { basename } from 'node:path';
import type { AlertImportSummary } from '../../../src-shared/model';
import { VigilError } from '../../../src-shared/errors';
import { autoDetectMapping } from '../column-mapping';
import { fileRecords, formatFromName, readHeaders, type ByteSource, type FileFormat } from '../file-reader';
import { importOnOwnConnection, type ImportRequest, type ImportTarget } from '../import-connection';
import { profileOfKind } from '../profile-of-kind';
import { detectTimestampFormat, isEmptyValue, parseTimestamp, TIMESTAMP_FORMATS, type ConcreteTimestampFormat } from '../timestamps';
import { importAlerts } from './alert-import';
import type { AlertProfile } from './alert-row-mapper';

export type FileImportRequest = ImportRequest;

export type { ImportTarget };

export async function importAlertFile(request: FileImportRequest, target: ImportTarget, onProgress: (read: number) => void): Promise<AlertImportSummary> {
  const format = request.format ?? formatFromName(request.source.name);
  return importOnOwnConnection(
    target,
    () => resolveAlertProfile(request, format),
    (db, row, profile) => importAlerts(db, row, fileRecords(request.source, format), {
      profile, source: request.sourceName, mode: request.mode, fileName: basename(request.source.name), userId: request.userId,
      signal: request.signal, checkpoint: target.checkpoint,
    }, onProgress),
  );
}

/** The mapping the import follows: the one given, or detected from the file's headers and first rows. */
export async function resolveAlertProfile(request: Pick<FileImportRequest, 'source' | 'mapping' | 'timeZone'>, format: FileFormat): Promise<AlertProfile> {
  return request.mapping === undefined ? detectProfile(request.source, format, request.timeZone) : profileOfKind(request.mapping, 'alerts');
}

async function detectProfile(source: ByteSource, format: FileFormat, timeZone: string): Promise<AlertProfile> {
  const headers = await readHeaders(source, format);
  const { columns } = autoDetectMapping(headers, 'alerts');
  const timeHeader = columns.occurredAt;
  if (!timeHeader) throw new VigilError('VALIDATION', 'No time column found: pass a mapping profile', { headers });
  const samples: string[] = [];
  for await (const record of fileRecords(source, format)) {
    if ('values' in record) samples.push(record.values[timeHeader] ?? '');
    if (samples.length >= 200) break;
  }
  const time = chooseTimestampFormat(samples, timeZone);
  if (!time.ok) throw new VigilError('VALIDATION', `Cannot tell the time format of "${timeHeader}": ${time.reason}`);
  return { name: 'auto-detected', kind: 'alerts', columns, timestamp: { format: time.format, timeZone } };
}

/**
 * The format every sample fits; failing that, the one most samples fit (at least half), so a few
 * broken values become rejected rows instead of blocking the whole file.
 */
function chooseTimestampFormat(samples: string[], timeZone: string): { ok: true; format: ConcreteTimestampFormat } | { ok: false; reason: string } {
  const detected = detectTimestampFormat(samples);
  if (detected.ok) return detected;
  const values = samples.filter((v) => !isEmptyValue(v));
  let best: { format: ConcreteTimestampFormat; fits: number } | null = null;
  for (const format of TIMESTAMP_FORMATS) {
    if (format === 'auto') continue;
    const fits = values.filter((v) => parseTimestamp(v, { format, timeZone }).ok).length;
    if (!best || fits > best.fits) best = { format, fits };
  }
  if (best && best.fits * 2 >= values.length && best.fits > 0) return { ok: true, format: best.format };
  return { ok: false, reason: detected.reason };
}
