// Runs an import from a window's upload: takes the upload (once), runs the import as a cancellable
// job under the id the window chose, and always disposes of the upload's encrypted temp file.
import type { ByteSource } from '../../alerts/import-file';
import type { LiveSession } from '../../auth/session-registry';
import type { HandlerContext } from '../router';
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
