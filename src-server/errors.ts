// The server's typed errors: each a code of the protocol (src-shared/sync-protocol.ts) with words for
// the user and details a client acts on (`expectedAfter`, `aheadMs`); the HTTP layer turns one into
// `{error: {code, message, details}}` with the code's status. Never a stack, never a value sent.
import { SYNC_ERROR_STATUS, type SyncErrorBody, type SyncErrorCode } from '../src-shared/sync-protocol';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  get status(): number {
    return SYNC_ERROR_STATUS[this.code];
  }

  toBody(): SyncErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
