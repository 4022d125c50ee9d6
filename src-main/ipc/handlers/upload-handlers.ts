// Uploads from a window (chunked, encrypted while they wait), job cancellation, entity pages and
// PII reveals.
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'uploads.begin' | 'uploads.chunk' | 'uploads.cancel' | 'jobs.cancel' | 'entities.get' | 'pii.reveal' | 'pii.reveals';

export function uploadHandlers(s: Services): Pick<Handlers, Channels> {
  return {
    'uploads.begin': (input, { session }) => s.uploads.begin(requireSession(session).userId, input.fileName, input.size),
    'uploads.chunk': (input, { session }) =>
      s.uploads.chunk(requireSession(session).userId, input.uploadId, input.offset, Buffer.from(input.dataBase64, 'base64')),
    'uploads.cancel': (input, { session }) => {
      s.uploads.cancel(requireSession(session).userId, input.uploadId);
      return null;
    },
    'jobs.cancel': (input, { session }) => {
      s.jobs.cancel(input.jobId, requireSession(session).userId);
      return null;
    },
    'entities.get': (input, { session }) => {
      const detail = s.custody.vault.repositories.entities.detail(input.entityId, lensFor(s, session), s.clock.now());
      if (!detail) throw new VigilError('NOT_FOUND', 'No such entity');
      return detail;
    },
    'pii.reveal': (input, { session, note }) => {
      const live = requireSession(session);
      const entity = s.custody.vault.repositories.entities.raw(input.entityId);
      if (!entity) throw new VigilError('NOT_FOUND', 'No such entity');
      // The purpose is the point of the audit row; the value itself never enters the log.
      note({ target: input.entityId, details: { kind: entity.kind, purpose: input.purpose } });
      return s.reveals.grant(live.userId, entity, input.purpose);
    },
    'pii.reveals': (_input, { session }) => s.reveals.active(requireSession(session).userId),
  };
}
