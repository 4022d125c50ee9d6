// The API tokens the Settings section lists: your own, or everyone's for an administrator (main
// decides which). A new token's secret is never held here: the create call hands it to the dialog
// that shows it once, and it goes when the dialog closes.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type { ChannelInput } from '../../../src-shared/contract';
import type { ApiTokenView } from '../../../src-shared/token-contract';

export type TokenDraft = ChannelInput<'tokens.create'>;

interface ApiTokensStore {
  tokens: AsyncSlot<ApiTokenView[]>;
  load(): Promise<void>;
  /** Creates a token; resolves with its secret, to show once. */
  create(draft: TokenDraft): Promise<string>;
  revoke(tokenId: string): Promise<void>;
  reset(): void;
}

const initial = () => ({ tokens: idleSlot<ApiTokenView[]>([]) });

export const useApiTokensStore = create<ApiTokensStore>()((set, get) => {
  const tokens = createSlotLoader<ApiTokenView[]>([], () => get().tokens, (slot) => set({ tokens: slot }));
  /** Puts one token's new state in the list (newest first for a new one). */
  const place = (token: ApiTokenView) => {
    const held = get().tokens;
    const known = held.data.some((row) => row.id === token.id);
    const data = known ? held.data.map((row) => (row.id === token.id ? token : row)) : [token, ...held.data];
    set({ tokens: { ...held, data } });
  };
  return {
    ...initial(),
    async load() {
      await tokens.load(() => api.invoke('tokens.list', {}), { keepData: true });
    },
    async create(draft) {
      const current = sameSession();
      const created = await api.invoke('tokens.create', draft);
      if (current()) place(created.info);
      return created.token;
    },
    async revoke(tokenId) {
      const current = sameSession();
      const revoked = await api.invoke('tokens.revoke', { tokenId });
      if (current()) place(revoked);
    },
    reset() {
      tokens.cancel();
      set(initial());
    },
  };
});

registerSessionStore('api-tokens', useApiTokensStore);
