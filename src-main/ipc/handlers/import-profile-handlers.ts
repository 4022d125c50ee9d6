// The mapping step of the GUI import: a preview of an upload under a mapping (read without taking
// the upload, which the import then takes), and the vault's saved mapping profiles.
import type { Handlers } from '../router';
import { previewImport } from '../../import/import-preview';
import { VaultFolds } from '../../alerts/alert-folds';
import { alertPreviewRules } from '../../import/alerts/alert-preview-rules';
import { investigationPreviewRules } from '../../import/investigations/investigation-preview-rules';
import { requireSession, type Services } from './services';

type Channels = 'importProfiles.list' | 'importProfiles.save' | 'importProfiles.delete' | 'imports.preview';

export function importProfileHandlers(s: Services): Pick<Handlers, Channels> {
  const profiles = () => s.custody.vault.repositories.mappingProfiles;
  return {
    'importProfiles.list': (input) => profiles().list(input.kind),
    'importProfiles.save': (input, { note }) => {
      note({ target: input.name, details: { kind: input.profile.kind, replace: input.replace } });
      return profiles().save(input.name, input.profile, input.replace);
    },
    'importProfiles.delete': (input, { note }) => {
      note({ target: input.profileId });
      const name = profiles().delete(input.profileId);
      note({ details: { name } });
      return null;
    },
    'imports.preview': async (input, { session }) => {
      const upload = s.uploads.peek(requireSession(session).userId, input.uploadId);
      // With the import's source name the first rows are also compared with the vault: two indexed reads.
      const vault = input.kind === 'alerts' && input.source !== undefined ? { folds: new VaultFolds(s.custody.vault.repositories.db), source: input.source } : null;
      return previewImport({ name: upload.fileName, open: () => upload.open() }, {
        kind: input.kind, format: input.format, timeZone: input.timeZone, mapping: input.mapping, rows: input.rows,
      }, { alerts: alertPreviewRules(vault), investigations: investigationPreviewRules });
    },
  };
}
