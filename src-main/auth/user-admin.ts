// Account administration: create, change role, disable, enable, reset password. Guards that keep a
// vault administrable: nobody grants a role above their own, changes their own role or disables
// themselves, and the last enabled super admin cannot be demoted or disabled.
import type { UserView } from '../../src-shared/model';
import { roleRank, type Role } from '../../src-shared/permissions';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { Repositories } from '../repositories';
import { uuidv7 } from '../store/ids';
import { generateOneTimePassword } from './one-time-password';
import type { SessionService } from './session-service';
import type { UserRecord } from './users-repository';

export interface Actor {
  userId: string;
  role: Role;
}

export class UserAdministration {
  constructor(
    private readonly keySlots: KeySlotStore,
    private readonly custody: VaultCustody<Repositories>,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  list(): UserView[] {
    return this.repos().users.list().map((u) => this.view(u));
  }

  view(user: UserRecord): UserView {
    const lockout = this.keySlots.lockoutState(user.id);
    return {
      id: user.id, username: user.username, displayName: user.displayName, role: user.role, disabled: user.disabledAt !== null,
      mustChangePassword: user.mustChangePassword, totpEnabled: user.totpEnabledAt !== null, createdAt: user.createdAt,
      passwordChangedAt: user.passwordChangedAt, lockedUntil: lockout.lockedUntil, failedAttempts: lockout.failedAttempts,
    };
  }

  async create(actor: Actor, input: { username: string; displayName: string; role: Role }): Promise<{ user: UserView; oneTimePassword: string }> {
    this.assertMayGrant(actor, input.role);
    const repos = this.repos();
    if (repos.users.findByUsername(input.username)) throw new VigilError('CONFLICT', 'That username is taken', { field: 'username' });
    const id = uuidv7(this.clock.now());
    const oneTimePassword = generateOneTimePassword();
    await this.writeSlot(id, input.username, oneTimePassword);
    try {
      const user = repos.users.insert({ id, username: input.username, displayName: input.displayName, role: input.role, mustChangePassword: true });
      return { user: this.view(user), oneTimePassword };
    } catch (error) {
      this.keySlots.removeUserSlot(id);
      throw error;
    }
  }

  setRole(actor: Actor, userId: string, role: Role): UserView {
    const target = this.requireUser(userId);
    if (target.id === actor.userId) throw new VigilError('FORBIDDEN', 'You cannot change your own role');
    this.assertMayGrant(actor, target.role);
    this.assertMayGrant(actor, role);
    if (target.role === 'super_admin' && role !== 'super_admin') this.assertNotLastSuperAdmin(target);
    const updated = this.repos().users.update(userId, { role });
    this.sessions.refreshUser(updated);
    return this.view(updated);
  }

  disable(actor: Actor, userId: string): UserView {
    const target = this.requireUser(userId);
    if (target.id === actor.userId) throw new VigilError('FORBIDDEN', 'You cannot disable your own account');
    this.assertMayGrant(actor, target.role);
    if (target.disabledAt !== null) return this.view(target);
    if (target.role === 'super_admin') this.assertNotLastSuperAdmin(target);
    const updated = this.repos().users.update(userId, { disabledAt: this.clock.now() });
    // Without its slot the account's password no longer unwraps the data key.
    this.keySlots.removeUserSlot(userId);
    for (const session of this.sessions.ofUser(userId)) this.sessions.end(session, 'user_disabled');
    return this.view(updated);
  }

  async enable(actor: Actor, userId: string): Promise<{ user: UserView; oneTimePassword: string }> {
    const target = this.requireUser(userId);
    this.assertMayGrant(actor, target.role);
    if (target.disabledAt === null) throw new VigilError('CONFLICT', 'That account is already enabled');
    const oneTimePassword = generateOneTimePassword();
    await this.writeSlot(target.id, target.username, oneTimePassword);
    const updated = this.repos().users.update(userId, { disabledAt: null, mustChangePassword: true });
    return { user: this.view(updated), oneTimePassword };
  }

  async resetPassword(actor: Actor, userId: string): Promise<{ user: UserView; oneTimePassword: string }> {
    const target = this.requireUser(userId);
    if (target.id === actor.userId) throw new VigilError('FORBIDDEN', 'Change your own password in Settings');
    this.assertMayGrant(actor, target.role);
    if (target.disabledAt !== null) throw new VigilError('CONFLICT', 'Enable the account first');
    const oneTimePassword = generateOneTimePassword();
    await this.writeSlot(target.id, target.username, oneTimePassword);
    const updated = this.repos().users.update(userId, { mustChangePassword: true });
    for (const session of this.sessions.ofUser(userId)) this.sessions.end(session, 'password_reset');
    return { user: this.view(updated), oneTimePassword };
  }

  private async writeSlot(userId: string, username: string, password: string): Promise<void> {
    const dataKey = this.custody.copyDataKey();
    try {
      await this.keySlots.setPassword(userId, username, password, dataKey);
    } finally {
      dataKey.fill(0);
    }
  }

  private assertMayGrant(actor: Actor, role: Role): void {
    if (roleRank(role) > roleRank(actor.role)) {
      throw new VigilError('FORBIDDEN', 'You cannot manage accounts with a role above your own', { role });
    }
  }

  private assertNotLastSuperAdmin(target: UserRecord): void {
    const others = this.repos().users.list().filter((u) => u.role === 'super_admin' && u.disabledAt === null && u.id !== target.id);
    if (others.length === 0) throw new VigilError('CONFLICT', 'The vault needs at least one enabled super admin');
  }

  private requireUser(userId: string): UserRecord {
    const user = this.repos().users.get(userId);
    if (!user) throw new VigilError('NOT_FOUND', 'No such user');
    return user;
  }

  private repos(): Repositories {
    return this.custody.vault.repositories;
  }
}
