// Controls on the vault's keys: every password slot derived at or above the KDF floor this build
// enforces, and the recovery key confirmed by an administrator.
import { RECOVERY_CONFIRMED_KEY } from '../../auth/login-service';
import { meetsFloor } from '../../vault/kdf';
import type { Control } from '../control';

export const kdfFloorControl: Control = {
  id: 'kdf_floor',
  title: 'Vault keys derived at the current KDF floor',
  remedy: 'Each person whose key slot is below the floor signs in once: a sign-in re-derives their slot with the current parameters.',
  frameworks: ['SOC 2 CC6.1', 'ISO 27001 A.8.24', 'GDPR Art. 32(1)(a)'],
  evaluate({ keySlots, kdfFloor, repos }) {
    const slots = keySlots().slots.flatMap((slot) => (slot.kind === 'password' ? [slot] : []));
    const below = slots.filter((slot) => !meetsFloor(slot.kdf, kdfFloor));
    const names = below.map((slot) => repos.users.get(slot.userId)?.username ?? slot.userId);
    const floor = `argon2id ${kdfFloor.memoryKiB} KiB × ${kdfFloor.iterations} iterations × ${kdfFloor.parallelism} lanes`;
    const evidence = { floor, passwordSlots: slots.length, belowFloor: names };
    return below.length === 0
      ? { status: 'pass', reason: `All ${slots.length} password slots meet the floor.`, evidence }
      : { status: 'fail', reason: `${below.length} of ${slots.length} password slots are below the floor.`, evidence };
  },
};

export const recoveryKeyControl: Control = {
  id: 'recovery_key_confirmed',
  title: 'Recovery key confirmed',
  remedy: 'An administrator with system configuration rights signs in and confirms the recovery key (or rotates it and confirms the new one).',
  frameworks: ['SOC 2 A1.2', 'ISO 27001 A.8.13', 'GDPR Art. 32(1)(c)'],
  evaluate({ repos, keySlots }) {
    const confirmed = repos.settings.get<boolean>(RECOVERY_CONFIRMED_KEY) ?? true;
    const hasSlot = keySlots().slots.some((slot) => slot.kind === 'recovery');
    const evidence = { recoverySlot: hasSlot, confirmed };
    if (!hasSlot) return { status: 'fail', reason: 'The vault has no recovery slot.', evidence };
    return confirmed
      ? { status: 'pass', reason: 'The recovery key was confirmed after it was issued.', evidence }
      : { status: 'fail', reason: 'The current recovery key has not been confirmed.', evidence };
  },
};
