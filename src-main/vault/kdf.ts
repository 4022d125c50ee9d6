// Password-based key derivation with argon2id. Parameters are stored per key slot so they can be
// raised later; a floor refuses any slot (or policy) below it, so they are never downgraded.
import argon2 from 'argon2';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** RFC 9106 §4 second recommendation (64 MiB, t=3, p=4): Bitwarden's default. */
export const PRODUCTION_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };

export interface KdfPolicy {
  /** Parameters for new slots. */
  params: KdfParams;
  /** The weakest parameters a slot may have. */
  floor: KdfParams;
}

export const PRODUCTION_KDF_POLICY: KdfPolicy = { params: PRODUCTION_KDF, floor: PRODUCTION_KDF };

export function meetsFloor(params: KdfParams, floor: KdfParams): boolean {
  return params.memoryKiB >= floor.memoryKiB && params.iterations >= floor.iterations && params.parallelism >= floor.parallelism;
}

/** Derives a 256-bit key-encryption key. Runs on libuv's thread pool, so the event loop stays free. */
export async function deriveKeyFromPassword(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return argon2.hash(password.normalize('NFC'), {
    type: argon2.argon2id,
    raw: true,
    salt,
    hashLength: 32,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  });
}
