// A user's own X25519 key pair, as kept in their key slot: the private key wrapped under a key
// derived from the slot's password key, and sealed to the recovery escrow key; and the escrow key
// pair itself, whose private key only the recovery key unwraps. Pure functions over the parsed file.
import { hkdfSync, type KeyObject } from 'node:crypto';
import { unwrapKey, wrapKey } from './key-wrap';
import { findSlotOfUser, recoverySlot, type KeySlotFile, type PasswordSlot, type RecoverySlot } from './key-slot-file';
import { exportPrivateKey, exportPublicKey, importPrivateKey, importPublicKey, open, publicKeyOf, seal } from './sealed-box';

type UserKeyRecord = NonNullable<PasswordSlot['userKey']>;

export function userKeyRecord(file: KeySlotFile, userId: string, privateKey: KeyObject, kek: Buffer): UserKeyRecord {
  const der = exportPrivateKey(privateKey);
  const wrappingKey = userKeyWrappingKey(kek);
  try {
    return {
      publicKey: exportPublicKey(publicKeyOf(privateKey)),
      privateKey: wrapKey(der, wrappingKey, userKeyAdditionalData(file, userId)),
      escrow: escrowUserKey(file, userId, privateKey),
    };
  } finally {
    der.fill(0);
    wrappingKey.fill(0);
  }
}

export function escrowUserKey(file: KeySlotFile, userId: string, privateKey: KeyObject): UserKeyRecord['escrow'] {
  const escrow = recoverySlot(file)?.escrow;
  if (!escrow) return null;
  const der = exportPrivateKey(privateKey);
  try {
    return { to: escrow.publicKey, box: seal(der, importPublicKey(escrow.publicKey), userKeyEscrowAdditionalData(file, userId)) };
  } finally {
    der.fill(0);
  }
}

export function unwrapUserKey(file: KeySlotFile, userId: string, wrapped: UserKeyRecord['privateKey'], kek: Buffer): KeyObject | null {
  const wrappingKey = userKeyWrappingKey(kek);
  const der = unwrapKey(wrapped, wrappingKey, userKeyAdditionalData(file, userId));
  wrappingKey.fill(0);
  const key = der ? importPrivateKey(der) : null;
  der?.fill(0);
  return key;
}

function userKeyWrappingKey(kek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), 'vigil user key v1', 32));
}

function escrowWrappingKey(recoveryKek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKek, Buffer.alloc(0), 'vigil recovery escrow v1', 32));
}

function userKeyAdditionalData(file: Pick<KeySlotFile, 'vaultId'>, userId: string): string {
  return `vigil-user-key-v1|${file.vaultId}|${userId}`;
}

function userKeyEscrowAdditionalData(file: Pick<KeySlotFile, 'vaultId'>, userId: string): string {
  return `vigil-user-key-escrow-v1|${file.vaultId}|${userId}`;
}

function escrowAdditionalData(file: Pick<KeySlotFile, 'vaultId'>, slot: { id: string }): string {
  return `vigil-recovery-escrow-v1|${file.vaultId}|${slot.id}`;
}

export function escrowRecord(file: KeySlotFile, slot: { id: string }, privateKey: KeyObject, recoveryKek: Buffer): NonNullable<RecoverySlot['escrow']> {
  const der = exportPrivateKey(privateKey);
  const wrappingKey = escrowWrappingKey(recoveryKek);
  try {
    return { publicKey: exportPublicKey(publicKeyOf(privateKey)), privateKey: wrapKey(der, wrappingKey, escrowAdditionalData(file, slot)) };
  } finally {
    der.fill(0);
    wrappingKey.fill(0);
  }
}

/** The escrow private key, opened with the recovery key's key-encryption key; null when the slot has none. */
export function unwrapEscrowKey(file: KeySlotFile, slot: RecoverySlot, recoveryKek: Buffer): KeyObject | null {
  if (!slot.escrow) return null;
  const wrappingKey = escrowWrappingKey(recoveryKek);
  const der = unwrapKey(slot.escrow.privateKey, wrappingKey, escrowAdditionalData(file, slot));
  wrappingKey.fill(0);
  const key = der ? importPrivateKey(der) : null;
  der?.fill(0);
  return key;
}

/** A user's private key opened with the escrow key, or null when it was escrowed to another (or no) escrow key. */
export function openEscrowedUserKey(file: KeySlotFile, userId: string, escrowKey: KeyObject): KeyObject | null {
  const escrow = findSlotOfUser(file, userId)?.userKey?.escrow;
  if (!escrow) return null;
  const der = open(escrow.box, escrowKey, userKeyEscrowAdditionalData(file, userId));
  const key = der ? importPrivateKey(der) : null;
  der?.fill(0);
  return key;
}
