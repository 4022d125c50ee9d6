// Schema v15: what each person is told (assigned to them, awaiting their approval, their proposal
// decided, their cases' due times), with when they read it. Kept rather than derived on read, so
// "read" is remembered across windows and sign-ins. The text holds keys and display names only.
// `dedupe_key` makes a rule that may fire again (the SLA watch, every minute) insert once.
import type { Migration } from './migration';

export const notifications: Migration = {
  version: 15,
  name: 'notifications',
  sql: `
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('assigned_alerts','assigned_investigation','approval_awaiting','proposal_approved','proposal_rejected','sla_at_risk','sla_breached')),
  text TEXT NOT NULL,
  link_page TEXT NOT NULL CHECK (link_page IN ('triage','investigation','approvals')),
  link_param TEXT,
  dedupe_key TEXT,
  created_at INTEGER NOT NULL,
  read_at INTEGER
) STRICT;
CREATE INDEX notifications_by_user ON notifications(user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_once ON notifications(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
`,
};
