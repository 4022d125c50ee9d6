// The operator's admin commands, working directly on the server's database (docs/SYNC.md,
// "Organisations, members, devices"): organisations, members, enrolment tokens, devices, revocation,
// and a device's audit rows as the server holds them ("Audit rows").
// An organisation or member is named by id or by name.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ROLES } from '../src-shared/permissions';
import { addMember, findMember, listMembers, setMemberDisabled } from './admin/members';
import { createOrganisation, findOrganisation, listOrganisations } from './admin/organisations';
import { listDevices, organisationOfDevice, revokeDevice } from './auth/devices';
import { createEnrolToken } from './auth/enrolment';
import { readAuditRows } from './sync/audit-rows';
import type { ServerDb } from './db/schema';

export interface AdminIo {
  stdout: { write(text: string): unknown };
}

export interface AdminOptions {
  org?: string;
  name?: string;
  role?: string;
  member?: string;
  json?: boolean;
}

/** A command line that names no command, or names one wrongly: exit 2 with usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const ADMIN_COMMANDS = ['org', 'member', 'enrol-token', 'devices', 'revoke', 'audit-rows'] as const;

/** Audit rows one `audit-rows` command prints; the next are a command away. */
const AUDIT_ROWS_SHOWN = 1_000;

export function isAdminCommand(name: string | undefined): boolean {
  return (ADMIN_COMMANDS as readonly (string | undefined)[]).includes(name);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

function print(io: AdminIo, json: boolean | undefined, value: unknown, text: string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

const roleOption = z.enum(ROLES, { error: () => `--role must be one of: ${ROLES.join(', ')}` });

const time = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

export async function runAdminCommand(db: Kysely<ServerDb>, positionals: string[], options: AdminOptions, io: AdminIo, now: number): Promise<void> {
  const [command, action, ...rest] = positionals;
  switch (command) {
    case 'org': {
      if (action === 'create') {
        const org = await createOrganisation(db, required(rest.join(' ') || undefined, 'NAME'), now);
        print(io, options.json, org, `Organisation "${org.name}" created: ${org.id}`);
        return;
      }
      if (action === 'list') {
        const orgs = await listOrganisations(db);
        print(io, options.json, orgs, orgs.map((org) => `${org.id}  ${org.name}`).join('\n') || '(no organisations)');
        return;
      }
      throw new UsageError('vigil-server org create NAME | org list');
    }
    case 'member': {
      const org = await findOrganisation(db, required(options.org, '--org'));
      if (action === 'add') {
        const role = roleOption.safeParse(required(options.role, '--role'));
        if (!role.success) throw new UsageError(role.error.issues[0]?.message ?? 'bad --role');
        const member = await addMember(db, org.id, { name: required(options.name, '--name'), role: role.data }, now);
        print(io, options.json, member, `Member "${member.name}" (${member.role}) added to ${org.name}: ${member.id}`);
        return;
      }
      if (action === 'list') {
        const members = await listMembers(db, org.id);
        print(io, options.json, members, members.map((m) => `${m.id}  ${m.name}  ${m.role}${m.disabledAt === null ? '' : '  disabled'}`).join('\n') || '(no members)');
        return;
      }
      if (action === 'disable' || action === 'enable') {
        const member = await findMember(db, org.id, required(options.member, '--member'));
        const changed = await setMemberDisabled(db, org.id, member.id, action === 'disable', now);
        print(io, options.json, changed, `Member "${changed.name}" ${action === 'disable' ? 'disabled: their devices are refused from now on' : 'enabled'}`);
        return;
      }
      throw new UsageError('vigil-server member add|list|disable|enable --org ORG …');
    }
    case 'enrol-token': {
      const org = await findOrganisation(db, required(options.org, '--org'));
      const member = await findMember(db, org.id, required(options.member, '--member'));
      const created = await createEnrolToken(db, org.id, member.id, now);
      print(io, options.json, created,
        `Enrolment token for ${member.name} (${org.name}), valid once until ${time(created.expiresAt)}. It is shown only now:\n${created.token}`);
      return;
    }
    case 'devices': {
      const org = await findOrganisation(db, required(options.org, '--org'));
      const devices = await listDevices(db, org.id);
      const lines = devices.map((d) => [
        d.id, d.name, d.memberName, `enrolled ${time(d.enrolledAt)}`, `seen ${time(d.lastSeenAt)}`, `pushed ${d.pushedSeq}`,
        d.revokedAt === null ? 'active' : `revoked ${time(d.revokedAt)}`,
        ...(d.auditMismatchAt === null ? [] : [`AUDIT MISMATCH ${time(d.auditMismatchAt)}${d.auditMismatchSeq === null ? '' : ` at row ${d.auditMismatchSeq} (${d.auditMismatchReason ?? 'unknown'})`}`]),
        ...(d.clockAheadMs === null ? [] : [`clock ahead ${d.clockAheadMs} ms`]),
      ].join('  '));
      print(io, options.json, devices, lines.join('\n') || '(no devices)');
      return;
    }
    case 'revoke': {
      const deviceId = required(action, 'DEVICE');
      const orgId = await organisationOfDevice(db, deviceId);
      const revoked = await revokeDevice(db, orgId, deviceId, now);
      print(io, options.json, revoked, `Device ${deviceId} revoked at ${time(revoked.revokedAt)}`);
      return;
    }
    case 'audit-rows': {
      const deviceId = required(action, 'DEVICE');
      const after = z.coerce.number().int().min(0).safeParse(rest[0] ?? '0');
      if (!after.success) throw new UsageError('vigil-server audit-rows DEVICE [AFTER_SEQ]');
      const { rows, heldSeq } = await readAuditRows(db, await organisationOfDevice(db, deviceId), deviceId, after.data, AUDIT_ROWS_SHOWN);
      const lines = rows.map((row) => [
        String(row.seq), time(row.at), row.actorName ?? row.actorId ?? '-', row.action, row.target ?? '-', row.outcome,
        row.chained ? 'chained' : 'DOES NOT CHECK',
      ].join('  '));
      const last = rows.at(-1)?.seq ?? after.data;
      if (last < heldSeq) lines.push(`… held up to ${heldSeq}: vigil-server audit-rows ${deviceId} ${last}`);
      print(io, options.json, { rows, heldSeq }, lines.join('\n') || '(no audit rows held)');
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command ?? ''}"`);
  }
}
