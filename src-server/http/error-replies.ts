// Every failure leaves the server as `{error: {code, message, details?}}` with the code's status
// (docs/SYNC.md, "Errors"): the service's SyncError as it is, a body that does not parse as
// INVALID_REQUEST naming only where (never the value sent), anything unexpected as INTERNAL with no stack.
import { z } from 'zod';
import { SyncError } from '../errors';

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
}

function frameworkCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code } = error as FrameworkError;
  return typeof code === 'string' ? code : null;
}

/** The protocol error a failure is, and whether it was unexpected (a bug or an outage: logged in full). */
export function toSyncError(error: unknown, bodyLimitBytes: number): { error: SyncError; unexpected: boolean } {
  if (error instanceof SyncError) return { error, unexpected: false };
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code }));
    return { error: new SyncError('INVALID_REQUEST', 'The request does not have the expected shape.', { issues }), unexpected: false };
  }
  const code = frameworkCode(error);
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { error: new SyncError('PAYLOAD_TOO_LARGE', 'The request body is over the size limit.', { limitBytes: bodyLimitBytes }), unexpected: false };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { error: new SyncError('INVALID_REQUEST', 'Send the body as JSON (Content-Type: application/json).'), unexpected: false };
  }
  // The JSON parser's own message quotes the body, so it is replaced, never passed on.
  if (code !== null && code.startsWith('FST_ERR_CTP_')) {
    return { error: new SyncError('INVALID_REQUEST', 'The request body is not valid JSON.'), unexpected: false };
  }
  return { error: new SyncError('INTERNAL', 'The server failed to handle this request.'), unexpected: true };
}
