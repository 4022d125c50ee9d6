// TOTP enrolment: begin (a pending secret), enable (prove a code, get recovery codes), disable
// (with the password). The secret lives only in the encrypted vault.
import type { TotpEnrollment } from '../../src-shared/model';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { Repositories } from '../repositories';
import { generateRecoveryCodes } from './one-time-password';
import { generateTotpSecret, matchTotp, totpUri } from './totp';

export class TwoFactorService {
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
    const secret = generateTotpSecret();
    repos.users.update(userId, { totpSecret: secret });
    return { secret, otpauthUrl: totpUri(secret, user.username, 'Vigil') };
  }

  enable(userId: string, code: string): string[] {
    const repos = this.custody.vault.repositories;
    const user = repos.users.get(userId);
    if (!user?.totpSecret) throw new VigilError('CONFLICT', 'Start two-factor enrolment first');
    if (user.totpEnabledAt !== null) throw new VigilError('CONFLICT', 'Two-factor sign-in is already on');
    const step = matchTotp(code, user.totpSecret, this.clock.now());
    if (step === null) throw new VigilError('VALIDATION', 'That code does not match; check the time on your device');
    const codes = generateRecoveryCodes();
    repos.db.transaction(() => {
      repos.users.update(userId, { totpEnabledAt: this.clock.now(), totpLastStep: step });
      repos.recoveryCodes.replace(userId, codes);
    })();
    return codes;
  }

  async disable(userId: string, password: string): Promise<void> {
    if (!(await this.keySlots.verifyPassword(userId, password))) throw new VigilError('INVALID_CREDENTIALS', 'Wrong password');
    const repos = this.custody.vault.repositories;
    repos.db.transaction(() => {
      repos.users.update(userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
      repos.recoveryCodes.retire(userId);
    })();
  }
}
