// Schema v16 (api-tokens): long-lived, revocable API tokens for scripts. A row per token names its
// owner, the role it is bound to (at most the owner's) and its expiry; the secret is never stored,
// only its SHA-256 (keyslots.json holds the data key wrapped under a key derived from the secret).
import type { Migration } from './migration';

export const apiTokens: Migration = {
  version: 16,
  name: 'api-tokens',
  sql: `
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  revoked_by TEXT,
  last_used_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
`,
};
