// The mapping step of one import: the uploaded file's preview (asked again, shortly after each edit,
// under the mapping being edited), the mapping itself, and the vault's saved profiles for this kind.
// Answers to an older preview request are dropped, so a slow answer never overwrites a newer one.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, errorText, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api } from '../../api/client';
import type {
  ImportPreview, MappingDraft, MappingKind, MappingTimeFormat, SavedMappingProfile,
} from '../../../src-shared/import-profile-contract';
import { describeError } from '../../format/error-message';
import { isKnownTimeZone } from './mapping-fields';

export type SaveOutcome = { saved: true } | { saved: false; exists: boolean; error: string | null };

interface MappingStore {
  kind: MappingKind;
  /** The first rows under the mapping; loading while a request for a newer mapping is on its way. */
  preview: AsyncSlot<ImportPreview | null>;
  mapping: MappingDraft | null;
  profiles: SavedMappingProfile[];
  /** The saved profile the mapping came from, until it is edited. */
  profileId: string | null;
  /** The saved profile the mapping was last taken from, kept through edits (offered as the name to save under). */
  basedOn: string | null;
  /** `source`: the name the import will give the rows, so the preview can compare them with the vault's alerts. */
  begin(uploadId: string, kind: MappingKind, format: 'csv' | 'ndjson' | 'json' | undefined, source?: string): Promise<void>;
  setColumn(field: string, header: string | null): void;
  setTimeFormat(format: MappingTimeFormat): void;
  setTimeZone(timeZone: string): void;
  applyProfile(profileId: string | null): void;
  saveProfile(name: string, replace: boolean): Promise<SaveOutcome>;
  deleteProfile(profileId: string): Promise<string | null>;
  reset(): void;
}

const PREVIEW_DELAY_MS = 250;

const initial = {
  kind: 'alerts' as MappingKind, preview: idleSlot<ImportPreview | null>(null), mapping: null as MappingDraft | null,
  profiles: [] as SavedMappingProfile[], profileId: null, basedOn: null as string | null,
};

export const useMappingStore = create<MappingStore>()((set, get) => {
  let uploadId: string | null = null;
  let format: 'csv' | 'ndjson' | 'json' | undefined;
  let source: string | undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const preview = createSlotLoader<ImportPreview | null>(null, () => get().preview, (slot) => set({ preview: slot }));

  const requestPreview = async (mapping: MappingDraft | undefined): Promise<void> => {
    const id = uploadId;
    if (!id) return;
    // The rows shown stay until the next answer; an answer for an older mapping is dropped.
    const read = await preview.load(() => api.invoke('imports.preview', { uploadId: id, kind: get().kind, format, mapping, source }), { keepData: true });
    const answered = get().preview.data;
    if (read && answered) set({ mapping: get().mapping ?? answered.mapping });
  };

  /** Edits the mapping, forgets the profile it came from, and asks for a fresh preview soon. */
  const edit = (change: (mapping: MappingDraft) => MappingDraft, keepProfile = false): void => {
    const current = get().mapping;
    if (!current) return;
    const mapping = change(current);
    set({ mapping, ...(keepProfile ? {} : { profileId: null }) });
    if (timer) clearTimeout(timer);
    // A half-typed zone is not sent: the field says what is wrong and the rows keep their last reading.
    if (!isKnownTimeZone(mapping.timestamp.timeZone)) return;
    timer = setTimeout(() => void requestPreview(mapping), PREVIEW_DELAY_MS);
  };

  const loadProfiles = async (kind: MappingKind): Promise<void> => {
    const current = sameSession();
    try {
      const profiles = await api.invoke('importProfiles.list', { kind });
      if (current()) set({ profiles });
    } catch {
      // Without the list the step still works from the detected mapping; the select just stays empty.
      if (current()) set({ profiles: [] });
    }
  };

  return {
    ...initial,

    async begin(id, kind, fileFormat, sourceName) {
      uploadId = id;
      format = fileFormat;
      source = sourceName?.trim() || undefined;
      set({ ...initial, kind });
      await Promise.all([requestPreview(undefined), loadProfiles(kind)]);
    },

    setColumn(field, header) {
      edit((m) => {
        const columns = { ...m.columns };
        if (header === null) delete columns[field];
        else columns[field] = header;
        return { ...m, columns };
      });
    },

    setTimeFormat(timeFormat) {
      edit((m) => ({ ...m, timestamp: { ...m.timestamp, format: timeFormat } }));
    },

    setTimeZone(timeZone) {
      edit((m) => ({ ...m, timestamp: { ...m.timestamp, timeZone } }));
    },

    applyProfile(profileId) {
      const { profiles, preview: { data: shown } } = get();
      if (profileId === null) {
        // Back to what the file's own headers suggested.
        set({ basedOn: null });
        if (shown) edit(() => ({ kind: get().kind, columns: shown.detected.columns, timestamp: shown.detected.timestamp }));
        return;
      }
      const chosen = profiles.find((p) => p.id === profileId);
      if (!chosen) return;
      const { name: _name, ...draft } = chosen.profile;
      set({ profileId, basedOn: chosen.name });
      edit(() => draft, true);
    },

    async saveProfile(name, replace) {
      const { mapping } = get();
      if (!mapping) return { saved: false, exists: false, error: 'Nothing to save yet' };
      try {
        const saved = await api.invoke('importProfiles.save', { name, profile: mapping, replace });
        const others = get().profiles.filter((p) => p.id !== saved.id);
        set({ profiles: [...others, saved].sort((a, b) => a.name.localeCompare(b.name)), profileId: saved.id, basedOn: saved.name });
        return { saved: true };
      } catch (error) {
        const described = describeError(error);
        return { saved: false, exists: described.code === 'CONFLICT', error: described.message };
      }
    },

    async deleteProfile(profileId) {
      try {
        await api.invoke('importProfiles.delete', { profileId });
        const gone = get().profiles.find((p) => p.id === profileId)?.name;
        set({
          profiles: get().profiles.filter((p) => p.id !== profileId),
          profileId: get().profileId === profileId ? null : get().profileId,
          basedOn: get().basedOn === gone ? null : get().basedOn,
        });
        return null;
      } catch (error) {
        return errorText(error);
      }
    },

    reset() {
      uploadId = null;
      source = undefined;
      preview.cancel();
      if (timer) clearTimeout(timer);
      timer = null;
      set(initial);
    },
  };
});

registerSessionStore('import-mapping', useMappingStore, () => useMappingStore.getState().reset());
