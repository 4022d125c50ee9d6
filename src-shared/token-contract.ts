// API tokens: long-lived, revocable, role-bound credentials for scripts (`vigil token`, VIGIL_TOKEN).
// A token is shown once at creation; it signs in without password or two-factor code, as its owner,
// with at most the role it was created with (never above the owner's role now).
import { z } from 'zod';
import { activeSession, channel, publicAccess } from './channel';
import type { SessionView } from './model';
import { ROLES, type Role } from './permissions';

export interface ApiTokenView {
  id: string;
  name: string;
  /** Owner's username. */
  owner: string;
  role: Role;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export const tokenChannels = {
  /** Signs in with an API token; the session is active at once (the token stands for password and second factor). */
  'auth.tokenLogin': channel<SessionView>()({
    input: z.object({ token: z.string().min(1).max(200) }).strict(),
    access: publicAccess,
  }),
  'tokens.create': channel<{ token: string; info: ApiTokenView }>()({
    input: z.object({
      name: z.string().trim().min(1, 'Name the token (what script uses it)').max(80),
      role: z.enum(ROLES).optional(),
      expiresDays: z.number().int().min(1).max(3650).optional(),
    }).strict(),
    access: activeSession,
    audited: true,
  }),
  /** Your own tokens; an administrator (admin_access) sees every user's. */
  'tokens.list': channel<ApiTokenView[]>()({ input: z.object({}).strict(), access: activeSession }),
  /** Revokes one of your tokens; an administrator may revoke anyone's. */
  'tokens.revoke': channel<ApiTokenView>()({
    input: z.object({ tokenId: z.string().uuid() }).strict(),
    access: activeSession,
    audited: true,
  }),
} as const;
