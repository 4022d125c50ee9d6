// Evidence channels: files in the vault with hashes and a custody trail. A file arrives by upload
// (uploads.begin / uploads.chunk) and evidence.add takes it. A closed investigation takes no new
// evidence (CONFLICT, from EvidenceRepository.add): its record is final until someone reopens it.
import type { Handlers } from '../router';
import type { EvidenceItem } from '../../../src-shared/workspace-model';
import type { EvidenceRecord } from '../../evidence/evidence-repository';
import type { PiiLens } from '../../pii/pii-lens';
import type { Repositories } from '../../repositories';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'evidence.list' | 'evidence.add' | 'evidence.view' | 'evidence.export' | 'evidence.verify';

function toItem(repos: Repositories, record: EvidenceRecord, lens: PiiLens): EvidenceItem {
  const user = repos.userRefs.resolver();
  return {
    id: record.id,
    investigationId: record.investigationId,
    fileName: lens.text(record.fileName),
    mediaType: record.mediaType,
    size: record.size,
    sha256: record.sha256,
    description: lens.text(record.description),
    addedBy: user(record.addedBy),
    addedAt: record.addedAt,
    custody: repos.evidence.custody(record.id).map((c) => ({ at: c.at, by: user(c.userId), event: c.event, detail: c.detail })),
  };
}

export function evidenceHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const content = async (evidenceId: string, userId: string, event: 'viewed' | 'exported', lens: PiiLens) => {
    const record = repos().evidence.get(evidenceId);
    const dataBase64 = await repos().evidence.readBase64(evidenceId, userId, event);
    return { evidenceId, fileName: lens.text(record.fileName), mediaType: record.mediaType, dataBase64 };
  };
  return {
    'evidence.list': (input, { session }) => {
      repos().investigations.lookup.require(input.investigationId);
      const lens = lensFor(s, session);
      return repos().evidence.list(input.investigationId).map((r) => toItem(repos(), r, lens));
    },
    'evidence.add': async (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.investigationId, details: { uploadId: input.uploadId, mediaType: input.mediaType } });
      const upload = s.uploads.take(userId, input.uploadId);
      try {
        const record = await repos().evidence.add(
          { investigationId: input.investigationId, fileName: upload.fileName, mediaType: input.mediaType, description: input.description, addedBy: userId, size: upload.size },
          upload.open(),
        );
        note({ target: record.id, details: { investigationId: input.investigationId, size: record.size, sha256: record.sha256, mediaType: record.mediaType } });
        return toItem(repos(), record, lensFor(s, session));
      } finally {
        upload.dispose();
      }
    },
    'evidence.view': async (input, { session, note }) => {
      note({ target: input.evidenceId });
      return content(input.evidenceId, requireSession(session).userId, 'viewed', lensFor(s, session));
    },
    'evidence.export': async (input, { session, note }) => {
      note({ target: input.evidenceId });
      return content(input.evidenceId, requireSession(session).userId, 'exported', lensFor(s, session));
    },
    'evidence.verify': async (input, { session, note }) => {
      note({ target: input.evidenceId });
      const result = await repos().evidence.verify(input.evidenceId, requireSession(session).userId);
      note({ target: input.evidenceId, details: { ok: result.ok } });
      return { evidenceId: input.evidenceId, ...result };
    },
  };
}
