// The file import as the router calls it: resolve the mapping (a saved profile, or auto-detected
// from the headers with the time format detected from the first rows), then import on a
// connection of the importer's own, so no other request's writes join the import's transaction.
import { basename } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { AlertImportSummary } from '../../src-shared/model';
import { VigilError } from '../../src-shared/errors';
import { importOnOwnConnection, type ImportRequest, type ImportTarget } from '../import/import-connection';
import { autoDetectMapping, mappingProfileSchema } from '../import/column-mapping';
import { detectTimestampFormat, isEmptyValue, parseTimestamp, TIMESTAMP_FORMATS, type ConcreteTimestampFormat } from '../import/timestamps';
import { importAlerts } from './alert-import';
import type { AlertProfile } from './alert-rows';
import { fileRecords, fileSource, formatFromName, readHeaders, type ByteSource, type FileFormat } from './import-file';

export type FileImportRequest = ImportRequest;

export type { ImportTarget };

/** A file named on this machine (the CLI): refused clearly when it is not there. */
export function existingFileSource(path: string): ByteSource {
  if (!existsSync(path) || !statSync(path).isFile()) throw new VigilError('NOT_FOUND', `No file at ${path}`);
  return fileSource(path);
}

export async function importAlertFile(request: FileImportRequest, target: ImportTarget, onProgress: (read: number) => void): Promise<AlertImportSummary> {
  const format = request.format ?? formatFromName(request.source.name);
  return importOnOwnConnection(
    target,
    () => (request.mapping === undefined ? detectProfile(request.source, format, request.timeZone) : parseProfile(request.mapping)),
    (db, row, profile) => importAlerts(db, row, fileRecords(request.source, format), {
      profile, source: request.sourceName, mode: request.mode, fileName: basename(request.source.name), userId: request.userId,
      signal: request.signal, checkpoint: target.checkpoint,
    }, onProgress),
  );
}

function parseProfile(mapping: unknown): AlertProfile {
  const parsed = mappingProfileSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new VigilError('VALIDATION', `The mapping profile is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  if (parsed.data.kind !== 'alerts') throw new VigilError('VALIDATION', 'That mapping profile is for investigations, not alerts');
  return parsed.data;
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
