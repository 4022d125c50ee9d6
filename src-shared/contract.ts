// The single source of truth for IPC: every channel's input schema, output type, who may call it
// and whether the router audits it. Main and renderer both derive their types from this file.
import { z } from 'zod';
import { ROLES } from './permissions';
import { IDLE_LOCK_SECONDS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SESSION_LIFETIME_HOURS } from './limits';
import type {
  AppStatus, AuditPage, AuditVerification, Preferences, SessionSummary, SessionView,
  SystemSettings, TotpEnrollment, UserView,
} from './model';

import { channel, publicAccess, activeSession, anySession, needs } from './channel';
import { workspaceChannels } from './workspace-contract';
import { backupChannels } from './backup-contract';
import { casePackageChannels } from './case-package-contract';
import { importProfileChannels } from './import-profile-contract';
import { analyticsChannels } from './analytics-contract';
import { reportChannels } from './report-contract';
import { slaChannels } from './sla-contract';
import { securityChannels } from './security-contract';
import { investigationViewChannels } from './investigation-views-contract';
import { notificationChannels } from './notification-contract';
import { promotionChannels } from './promotion-contract';
import { lookupChannels } from './lookup-contract';
import { actionHookChannels } from './action-hook-contract';
import { exportChannels } from './export-contract';
import { tokenChannels } from './token-contract';
import { myWorkChannels } from './my-work-contract';
import { healthChannels } from './health-contract';
import type { ChannelDefinition } from './channel';
import { retentionChannels } from './retention-contract';
import { complianceChannels } from './compliance-contract';
import { syncChannels } from './sync-contract';
export type { Access, ChannelDefinition } from './channel';

// --- shared field schemas ---
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'Usernames are 2–32 characters: letters, digits, dot, dash, underscore');
/** Length bounds of a password being set; the renderer checks the same numbers before the round trip. */
export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './limits';
/** A password being set: NIST 800-63B length rules, no composition rules. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Passwords are at most ${MAX_PASSWORD_LENGTH} characters`);
/** A password being checked: anything the user typed, bounded so it cannot exhaust memory. */
const givenPasswordSchema = z.string().min(1, 'Enter your password').max(1024);
const displayNameSchema = z.string().trim().min(1, 'Enter a name').max(80);
const idSchema = z.string().uuid();
const roleSchema = z.enum(ROLES);
const empty = z.object({}).strict();
const recoveryKeySchema = z.string().trim().min(10).max(200);

export const contract = {
  // Passive: the idle check asks it after the deadline; counting it as activity put the lock off
  // whenever the answer came back later than the check's grace (a loaded machine), again and again.
  'app.status': channel<AppStatus>()({ input: empty, access: publicAccess, passive: true }),

  'setup.initialize': channel<{ recoveryKey: string; session: SessionView }>()({
    input: z.object({
      vaultName: z.string().trim().min(1, 'Name the vault').max(80),
      username: usernameSchema,
      displayName: displayNameSchema,
      password: newPasswordSchema,
    }).strict(),
    access: publicAccess,
  }),

  'auth.login': channel<SessionView>()({
    input: z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: givenPasswordSchema }).strict(),
    access: publicAccess,
  }),
  'auth.recover': channel<SessionView>()({
    input: z.object({ username: usernameSchema, recoveryKey: recoveryKeySchema, newPassword: newPasswordSchema }).strict(),
    access: publicAccess,
  }),
  'auth.logout': channel<null>()({ input: empty, access: anySession }),
  'auth.lock': channel<SessionView>()({ input: empty, access: activeSession }),
  'auth.touch': channel<null>()({ input: empty, access: activeSession }),
  'auth.unlock': channel<SessionView>()({
    input: z.object({ password: givenPasswordSchema }).strict(),
    access: { kind: 'session', states: ['locked'] },
  }),
  'auth.verifyTotp': channel<SessionView>()({
    input: z.object({ code: z.string().trim().min(6).max(32) }).strict(),
    access: { kind: 'session', states: ['totp_required'] },
  }),
  'auth.changePassword': channel<SessionView>()({
    input: z.object({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema }).strict(),
    access: { kind: 'session', states: ['active', 'password_change_required'] },
  }),
  'auth.confirmRecoveryKey': channel<SessionView>()({
    input: z.object({ recoveryKey: recoveryKeySchema }).strict(),
    access: { kind: 'session', states: ['recovery_key_unconfirmed'] },
  }),
  'auth.reissueRecoveryKey': channel<{ recoveryKey: string }>()({
    input: empty,
    access: { kind: 'session', states: ['recovery_key_unconfirmed'] },
  }),

  'twoFactor.begin': channel<TotpEnrollment>()({ input: empty, access: activeSession }),
  'twoFactor.enable': channel<{ recoveryCodes: string[] }>()({
    input: z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code') }).strict(),
    access: activeSession,
  }),
  'twoFactor.disable': channel<null>()({
    input: z.object({ password: givenPasswordSchema }).strict(),
    access: activeSession,
  }),

  'preferences.get': channel<Preferences>()({ input: empty, access: activeSession }),
  'preferences.update': channel<Preferences>()({
    input: z.object({
      theme: z.enum(['light', 'dark', 'system']).optional(),
      /** Reviewer wellness: evidence images stay blurred and grey until revealed one by one. */
      evidenceImages: z.enum(['blurred', 'shown']).optional(),
    }).strict(),
    access: activeSession,
  }),

  'users.list': channel<UserView[]>()({ input: empty, access: needs('admin_access') }),
  'users.create': channel<{ user: UserView; oneTimePassword: string }>()({
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'users.setRole': channel<UserView>()({
    input: z.object({ userId: idSchema, role: roleSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'users.disable': channel<UserView>()({
    input: z.object({ userId: idSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'users.enable': channel<{ user: UserView; oneTimePassword: string }>()({
    input: z.object({ userId: idSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'users.resetPassword': channel<{ user: UserView; oneTimePassword: string }>()({
    input: z.object({ userId: idSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),

  'sessions.list': channel<SessionSummary[]>()({ input: empty, access: needs('admin_access') }),
  'sessions.end': channel<null>()({
    input: z.object({ sessionId: idSchema }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),

  'audit.list': channel<AuditPage>()({
    input: z.object({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      action: z.string().max(64).optional(),
    }).strict(),
    access: needs('audit_access'),
  }),
  'audit.verify': channel<AuditVerification>()({ input: empty, access: needs('audit_access'), audited: true }),

  'system.getSettings': channel<SystemSettings>()({ input: empty, access: activeSession }),
  'system.updateSettings': channel<SystemSettings>()({
    input: z.object({
      idleLockSeconds: z.number().int().min(IDLE_LOCK_SECONDS.min).max(IDLE_LOCK_SECONDS.max),
      sessionLifetimeHours: z.number().int().min(SESSION_LIFETIME_HOURS.min).max(SESSION_LIFETIME_HOURS.max),
    }).strict(),
    access: needs('system_config'),
    audited: true,
  }),
  'vault.rotateRecoveryKey': channel<{ recoveryKey: string }>()({
    input: z.object({ password: givenPasswordSchema }).strict(),
    access: needs('system_config'),
    audited: true,
  }),

  ...workspaceChannels,
  ...backupChannels,
  ...casePackageChannels,
  ...importProfileChannels,
  ...analyticsChannels,
  ...reportChannels,
  ...slaChannels,
  ...investigationViewChannels,
  ...notificationChannels,
  ...promotionChannels,
  ...lookupChannels,
  ...actionHookChannels,
  ...exportChannels,
  ...tokenChannels,
  ...myWorkChannels,
  ...healthChannels,
  ...securityChannels,
  ...retentionChannels,
  ...complianceChannels,
  ...syncChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** What a caller passes (defaults optional). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing (defaults filled). */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Contract[C] extends ChannelDefinition<z.ZodType, infer O> ? O : never;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
