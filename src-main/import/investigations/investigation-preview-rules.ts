// How the GUI's mapping step judges a case export's rows before importing (import-preview.ts): each
// row as if it were its case's latest, by the import's own caseFields. Cases do not fold.
import type { PreviewRules } from '../import-preview';
import { caseFields, pickMapped, type InvestigationProfile } from './investigation-row-mapper';

export const investigationPreviewRules: PreviewRules<InvestigationProfile> = {
  problem: (values, profile) => {
    const fields = caseFields(pickMapped(values, profile), profile);
    return fields.ok ? null : fields.reason;
  },
};
