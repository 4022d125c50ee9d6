// Channels of the sync client: its status, enrolment with a server, a round on demand, pause and
// resume, disconnecting, and the conflicts the server raised (listed, and resolved by choosing a
// side), the enrolment's details, the organisation's devices (listed, revoked) and members (listed,
// added, disabled or enabled, a one-time enrolment token for their next device). Audited calls note
// what they did; never an enrolment token or the credential.
import type { Handlers } from '../router';
import { listOpenConflicts, resolveConflict } from '../../sync/conflicts';
import { requireSession, type Services } from './services';

type SyncChannel = 'sync.status' | 'sync.enrol' | 'sync.syncNow' | 'sync.pause' | 'sync.resume' | 'sync.disconnect' | 'sync.conflicts.list' | 'sync.conflicts.resolve'
  | 'sync.enrolment' | 'sync.devices.list' | 'sync.devices.revoke' | 'sync.members.list' | 'sync.members.add' | 'sync.members.setDisabled'
  | 'sync.enrolTokens.create';

export function syncHandlers(s: Services): Pick<Handlers, SyncChannel> {
  const repos = () => s.custody.vault.repositories;
  return {
    'sync.status': () => s.sync.status(),
    'sync.enrol': async (input, { note }) => {
      note({ target: input.serverUrl, details: { deviceName: input.deviceName } });
      return s.sync.enrol(input.serverUrl, input.token, input.deviceName);
    },
    'sync.syncNow': () => s.sync.syncNow(),
    'sync.pause': () => s.sync.pause(),
    'sync.resume': () => s.sync.resume(),
    'sync.disconnect': () => s.sync.disconnect(),
    'sync.enrolment': () => s.sync.enrolmentDetail(),
    'sync.devices.list': () => s.sync.listDevices(),
    'sync.devices.revoke': async (input, { note }) => {
      note({ target: input.deviceId });
      return s.sync.revokeDevice(input.deviceId);
    },
    'sync.members.list': () => s.sync.listMembers(),
    'sync.members.add': async (input, { note }) => {
      const member = await s.sync.addMember(input);
      note({ target: member.id, details: { name: member.name, role: member.role } });
      return member;
    },
    'sync.members.setDisabled': async (input, { note }) => {
      note({ target: input.memberId, details: { disabled: input.disabled } });
      return s.sync.setMemberDisabled(input.memberId, input.disabled);
    },
    'sync.enrolTokens.create': async (input, { note }) => {
      const created = await s.sync.createEnrolToken(input.memberId);
      note({ target: input.memberId, details: { expiresAt: created.expiresAt } });
      return created;
    },
    'sync.conflicts.list': () => listOpenConflicts(repos()),
    'sync.conflicts.resolve': (input, { session, note }) => {
      const { userId } = requireSession(session);
      const conflict = resolveConflict(repos(), input.id, input.choice, userId);
      note({ target: conflict.recordId, details: { conflict: input.id, choice: input.choice, table: conflict.recordTable, field: conflict.field } });
      return conflict;
    },
  };
}
