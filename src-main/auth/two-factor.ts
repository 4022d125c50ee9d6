// TOTP enrolment: begin (a pending secret), enable (prove a code, get recovery codes), disable
// (with the password). The secret is stored sealed to the user's own public key (see totp-secret.ts),
// so the vault's data key alone does not read it.
import type { TotpEnrollment } from '../../src-shared/model';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { Repositories } from '../repositories';
import { generateRecoveryCodes } from './one-time-password';
import { generateTotpSecret, matchTotp, totpUri } from './totp';
import { sealTotpSecret } from './totp-secret';

export class TwoFactorService {
  /**
   * The secret between begin and enable, in memory only: once sealed it takes the user's password
   * to read. Key lifetime: until enable, a new begin, or the process exits (then begin again).
   */
  private readonly pending = new Map<string, string>();

  constructor(
    private readonly keySlots: KeySlotStore,
    private readonly custody: VaultCustody<Repositories>,
    private readonly clock: Clock,
  ) {}

  begin(userId: string): TotpEnrollment {
    const repos = this.custody.vault.repositories;
    const user = repos.users.get(userId);
    if (!user) throw new VigilError('NOT_FOUND', 'No such user');
    if (user.totpEnabledAt !== null) throw new VigilError('CONFLICT', 'Two-factor sign-in is already on');
    const publicKey = this.keySlots.userPublicKey(userId);
    if (!publicKey) throw new VigilError('CONFLICT', 'Sign out and in again before setting up two-factor sign-in');
    const secret = generateTotpSecret();
    repos.users.update(userId, { totpSecret: sealTotpSecret(secret, publicKey, userId) });
    this.pending.set(userId, secret);
    return { secret, otpauthUrl: totpUri(secret, user.username, 'Vigil') };
  }

  enable(userId: string, code: string): string[] {
    const repos = this.custody.vault.repositories;
    const user = repos.users.get(userId);
    const secret = this.pending.get(userId);
    if (!user?.totpSecret || !secret) throw new VigilError('CONFLICT', 'Start two-factor enrolment first');
    if (user.totpEnabledAt !== null) throw new VigilError('CONFLICT', 'Two-factor sign-in is already on');
    const step = matchTotp(code, secret, this.clock.now());
    if (step === null) throw new VigilError('VALIDATION', 'That code does not match; check the time on your device');
    const codes = generateRecoveryCodes();
    repos.db.transaction(() => {
      repos.users.update(userId, { totpEnabledAt: this.clock.now(), totpLastStep: step });
      repos.recoveryCodes.replace(userId, codes);
    })();
    this.pending.delete(userId);
    return codes;
  }

  async disable(userId: string, password: string): Promise<void> {
    if (!(await this.keySlots.verifyPassword(userId, password))) throw new VigilError('INVALID_CREDENTIALS', 'Wrong password');
    const repos = this.custody.vault.repositories;
    repos.db.transaction(() => {
      repos.users.update(userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
      repos.recoveryCodes.retire(userId);
    })();
    this.pending.delete(userId);
  }
}
