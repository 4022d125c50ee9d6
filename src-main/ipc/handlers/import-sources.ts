// Where an import's bytes come from, for the alert and investigation import channels alike: a path
// (the CLI only) or a window's upload (taken once, run as a cancellable job under the id the window
// chose, its encrypted temp file always disposed of).
import { VigilError } from '../../../src-shared/errors';
import { existingFileSource, type ByteSource } from '../../import/file-reader';
import type { ImportTarget } from '../../import/import-connection';
import type { LiveSession } from '../../auth/session-registry';
import type { Caller, HandlerContext } from '../router';
import type { Services } from './services';

export async function importFromUpload<T>(
  s: Services,
  live: LiveSession,
  request: { uploadId: string; jobId: string; source: string; mode: string },
  note: HandlerContext['note'],
  run: (bytes: ByteSource, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const upload = s.uploads.take(live.userId, request.uploadId);
  note({ target: upload.fileName, details: { source: request.source, mode: request.mode, bytes: upload.size } });
  try {
    const bytes: ByteSource = { name: upload.fileName, open: () => upload.open() };
    return await s.jobs.run(request.jobId, live.userId, (job) => run(bytes, job.signal));
  } finally {
    upload.dispose();
  }
}

export function importFromPath<T>(
  caller: Caller,
  request: { path: string; source: string; mode: string },
  note: HandlerContext['note'],
  run: (bytes: ByteSource) => Promise<T>,
): Promise<T> {
  // A path names any file on this machine: from a window, a compromised renderer could read any file
  // the app can. Windows send the file's bytes instead (the importUpload channels).
  if (caller.client !== 'cli') throw new VigilError('FORBIDDEN', 'Importing by file path is available from the command line only');
  note({ target: request.path, details: { source: request.source, mode: request.mode } });
  return run(existingFileSource(request.path));
}

/** Where an import writes: the open vault, on a connection of the import's own, checkpointed in the background. */
export function importTargetOf(s: Services): ImportTarget {
  return {
    databasePath: s.databasePath, dataKey: s.custody.copyDataKey(), row: s.custody.vault.repositories.row,
    checkpoint: () => s.checkpoints.run(),
  };
}
