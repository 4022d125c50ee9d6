// API tokens for scripts: created by a signed-in user (shown once), used instead of password and
// second factor, revoked by their owner or an administrator. A token opens the vault through its own
// key slot, then is checked against its row: revoked, expired, or an owner disabled since, and it is
// refused (and the refusal audited). Its session holds the token's role, never above the owner's.
import { VigilError } from '../../src-shared/errors';
import { roleRank, type Role } from '../../src-shared/permissions';
import type { ApiTokenView } from '../../src-shared/token-contract';
import type { Clock } from '../platform/clock';
import type { Repositories } from '../repositories';
import { uuidv7 } from '../store/ids';
import { apiTokenHash, generateApiToken, looksLikeApiToken } from '../vault/api-token-key';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { ApiTokenRecord } from './api-tokens-repository';
import type { LiveSession } from './session-registry';
import type { SessionService } from './session-service';

const DAY_MS = 86_400_000;
const NOT_VALID = 'This API token is not valid (revoked, or never issued)';

export interface ApiTokenDependencies {
  keySlots: KeySlotStore;
  custody: VaultCustody<Repositories>;
  sessions: SessionService;
  clock: Clock;
}

export class ApiTokenService {
  constructor(private readonly deps: ApiTokenDependencies) {}

  private get repos(): Repositories {
    return this.deps.custody.vault.repositories;
  }

  create(session: LiveSession, input: { name: string; role?: Role | undefined; expiresDays?: number | undefined }): { token: string; info: ApiTokenView } {
    if (session.apiToken) throw new VigilError('FORBIDDEN', 'An API token cannot create tokens: sign in with your password');
    const own = this.deps.sessions.view(session).role;
    const role = input.role ?? own;
    if (roleRank(role) > roleRank(own)) throw new VigilError('FORBIDDEN', `A token's role cannot be above your own (${own})`, { role, own });
    const now = this.deps.clock.now();
    const id = uuidv7(now);
    const token = generateApiToken();
    const record = { id, userId: session.userId, name: input.name, role, createdAt: now, expiresAt: input.expiresDays ? now + input.expiresDays * DAY_MS : null };
    this.repos.apiTokens.insert({ ...record, tokenHash: apiTokenHash(token) });
    const dataKey = this.deps.custody.copyDataKey();
    try {
      this.deps.keySlots.addTokenSlot(id, session.userId, token, dataKey);
    } catch (error) {
      // Without its slot the token could never open the vault: leave no row that looks live.
      this.repos.apiTokens.revoke(id, session.userId, now);
      throw error;
    } finally {
      dataKey.fill(0);
    }
    return { token, info: this.view({ ...record, revokedAt: null, lastUsedAt: null }) };
  }

  /** Opens a session for the token's owner; refusals are audited with their reason. */
  async signIn(token: string, client: string): Promise<{ token: string; session: LiveSession }> {
    if (!looksLikeApiToken(token)) throw new VigilError('INVALID_CREDENTIALS', NOT_VALID);
    const unlocked = this.deps.keySlots.unlockWithToken(token);
    const repos = (await this.deps.custody.unlockCurrent(unlocked.dataKey)).repositories;
    const record = repos.apiTokens.get(unlocked.tokenId);
    const user = repos.users.get(unlocked.userId);
    const now = this.deps.clock.now();
    const refusal = !record || !user || record.revokedAt !== null ? { reason: 'revoked', message: NOT_VALID }
      : record.expiresAt !== null && record.expiresAt <= now ? { reason: 'expired', message: 'This API token has expired: create a new one (vigil token create)' }
        : user.disabledAt !== null ? { reason: 'disabled', message: "This API token's owner is disabled" }
          : null;
    if (refusal || !record || !user) {
      repos.audit.append({
        actor: { id: unlocked.userId, name: user?.username ?? null }, action: 'auth.token_login', target: unlocked.tokenId, outcome: 'failure',
        details: { reason: refusal?.reason ?? 'revoked', client },
      });
      this.deps.sessions.releaseVaultIfIdle();
      throw new VigilError('INVALID_CREDENTIALS', refusal?.message ?? NOT_VALID, { reason: refusal?.reason ?? 'revoked' });
    }
    const started = this.deps.sessions.create(user, 'active', client, { id: record.id, role: record.role });
    this.deps.sessions.reconcilePersisted();
    repos.apiTokens.markUsed(record.id, now);
    repos.audit.append({
      actor: { id: user.id, name: user.username }, action: 'auth.token_login', target: started.session.id, outcome: 'success',
      details: { tokenId: record.id, name: record.name, role: this.deps.sessions.view(started.session).role, client },
    });
    return started;
  }

  list(session: LiveSession): ApiTokenView[] {
    const all = this.deps.sessions.view(session).permissions.includes('admin_access');
    return (all ? this.repos.apiTokens.all() : this.repos.apiTokens.ofUser(session.userId)).map((r) => this.view(r));
  }

  revoke(session: LiveSession, tokenId: string): ApiTokenView {
    const record = this.repos.apiTokens.get(tokenId);
    const mayRevoke = record && (record.userId === session.userId || this.deps.sessions.view(session).permissions.includes('admin_access'));
    // Someone else's token is reported as absent: its id is not confirmed.
    if (!record || !mayRevoke) throw new VigilError('NOT_FOUND', 'No such API token');
    const now = this.deps.clock.now();
    this.repos.apiTokens.revoke(tokenId, session.userId, now);
    this.deps.keySlots.removeTokenSlot(tokenId);
    for (const live of this.deps.sessions.list()) if (live.apiToken?.id === tokenId) this.deps.sessions.end(live, 'token_revoked');
    return this.view(this.repos.apiTokens.get(tokenId) ?? record);
  }

  private view(r: ApiTokenRecord): ApiTokenView {
    return {
      id: r.id, name: r.name, owner: this.repos.users.get(r.userId)?.username ?? '(removed)', role: r.role,
      createdAt: r.createdAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt, lastUsedAt: r.lastUsedAt,
    };
  }
}
