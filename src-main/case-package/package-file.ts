// The `.vigilcase` file:
//
//   "VIGILCS1" | u32 LE n | header JSON (n bytes: format, argon2id parameters, salt, passphrase check)
//   u32 LE m | sealed manifest (m bytes: 12-byte IV | AES-256-GCM ciphertext | 16-byte tag)
//   payload (a SQLCipher database under the package's database key)
//   HMAC-SHA256 under the package's MAC key of every byte above (32 bytes)
//
// The header is the only readable part, and holds nothing about the case: what the KDF needs, and a
// check value that says "wrong passphrase" apart from "damaged file". The MAC covers the whole file,
// header included, and is checked before anything else is trusted; the payload is copied out in the
// same pass that checks it, so what is opened afterwards is exactly what was authenticated.
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { fsyncDirectory, TEMP_MARKER } from '../vault/atomic-file';
import { PRODUCTION_KDF, type KdfParams } from '../vault/kdf';
import { deriveCaseKeys, SALT_BYTES, type CaseKeys, type DeriveKey } from './package-keys';
import { caseManifestSchema, type CaseManifest } from './package-manifest';

export const CASE_MAGIC = Buffer.from('VIGILCS1', 'ascii');
const MAC_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 4096;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
/**
 * Argon2id parameters a package may ask for: twice what Vigil seals with. The header is read before
 * anything is authenticated, so without this a stranger's file picks how much memory and time we
 * spend (1 GiB × 16 lanes, several at once, was enough to take the server past a gigabyte).
 */
export const KDF_CEILING: KdfParams = {
  algorithm: 'argon2id',
  memoryKiB: 2 * PRODUCTION_KDF.memoryKiB,
  iterations: 2 * PRODUCTION_KDF.iterations,
  parallelism: 2 * PRODUCTION_KDF.parallelism,
};

const headerSchema = z.object({
  format: z.literal(1),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    // Wide bounds only so the numbers are sane; the ceiling above is checked with its own error.
    memoryKiB: z.number().int().min(8).max(2 ** 32 - 1),
    iterations: z.number().int().min(1).max(2 ** 32 - 1),
    parallelism: z.number().int().min(1).max(2 ** 24 - 1),
  }).strict(),
  salt: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(64),
  check: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(64),
}).strict();
type PackageHeader = z.infer<typeof headerSchema>;

/** Stable codes for what is wrong with a package, so callers and tests never parse messages. */
export type PackageProblem = 'not_a_package' | 'wrong_passphrase' | 'tampered' | 'weak_kdf' | 'excessive_kdf';

export function packageProblem(problem: PackageProblem, message: string): VigilError {
  const code = problem === 'wrong_passphrase' ? 'INVALID_CREDENTIALS' : problem === 'weak_kdf' || problem === 'excessive_kdf' ? 'VALIDATION' : 'VAULT_CORRUPT';
  return new VigilError(code, message, { problem });
}

const notAPackage = () => packageProblem('not_a_package', 'The file is truncated or is not a Vigil case package');
const tampered = () => packageProblem('tampered', 'The case package has been altered or damaged since it was sealed; nothing was imported');

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function sealManifest(manifest: CaseManifest, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(manifest), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export interface SealInput {
  target: string;
  kdf: KdfParams;
  salt: Buffer;
  keys: CaseKeys;
  manifest: CaseManifest;
  /** The payload database, already encrypted under `keys.database`. */
  payloadPath: string;
}

/** Writes the package beside `target` (temp file, fsync), then renames it into place. Returns its size. */
export async function sealPackage(input: SealInput): Promise<number> {
  const header = Buffer.from(JSON.stringify({
    format: 1, kdf: input.kdf, salt: input.salt.toString('base64'), check: input.keys.check.toString('base64'),
  } satisfies PackageHeader), 'utf8');
  const sealed = sealManifest(input.manifest, input.keys.manifest);
  const temp = join(dirname(input.target), `${basename(input.target)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  const mac = createHmac('sha256', input.keys.mac);
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const write = async (chunk: Buffer) => {
    mac.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    await write(Buffer.concat([CASE_MAGIC, u32(header.length), header, u32(sealed.length), sealed]));
    for await (const chunk of createReadStream(input.payloadPath, { highWaterMark: 1024 * 1024 })) await write(chunk as Buffer);
    out.write(mac.digest());
    out.end();
    await once(out, 'finish');
    const fd = openSync(temp, 'r+');
    let size: number;
    try {
      size = fstatSync(fd).size;
      // fsync before the rename: a crash leaves the old file or the whole new one, never a torn one.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, input.target);
    fsyncDirectory(dirname(input.target));
    return size;
  } catch (error) {
    out.destroy();
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface OpenedPackage {
  manifest: CaseManifest;
  keys: CaseKeys;
  kdf: KdfParams;
}

/**
 * Authenticates a package and copies its payload to `payloadTarget` (which must not exist): header
 * parsed and bounded, passphrase checked, MAC over every byte checked, manifest decrypted and parsed,
 * payload length and SHA-256 matched against the manifest. The caller wipes the returned keys.
 */
export async function openPackage(path: string, passphrase: string, payloadTarget: string, floor: KdfParams, derive?: DeriveKey): Promise<OpenedPackage> {
  const layout = readLayout(path);
  const { kdf } = layout.header;
  if (kdf.memoryKiB < floor.memoryKiB || kdf.iterations < floor.iterations || kdf.parallelism < floor.parallelism) {
    throw packageProblem('weak_kdf', 'This case package was sealed with weaker key-derivation settings than this vault accepts');
  }
  if (kdf.memoryKiB > KDF_CEILING.memoryKiB || kdf.iterations > KDF_CEILING.iterations || kdf.parallelism > KDF_CEILING.parallelism) {
    throw packageProblem('excessive_kdf', 'This case package asks for far more key-derivation work than Vigil ever seals with; it was not opened');
  }
  const salt = Buffer.from(layout.header.salt, 'base64');
  const claimedCheck = Buffer.from(layout.header.check, 'base64');
  if (salt.length !== SALT_BYTES || claimedCheck.length !== 32) throw notAPackage();
  const keys = await deriveCaseKeys(passphrase, salt, kdf, derive);
  try {
    if (!timingSafeEqual(keys.check, claimedCheck)) {
      throw packageProblem('wrong_passphrase', 'The passphrase does not open this case package');
    }
    const payloadSha256 = await checkMacAndCopyPayload(path, layout, keys.mac, payloadTarget);
    const manifest = unsealManifest(layout.sealedManifest, keys.manifest);
    if (manifest.payloadLength !== layout.payloadLength || manifest.payloadSha256 !== payloadSha256) throw tampered();
    return { manifest, keys, kdf };
  } catch (error) {
    keys.wipe();
    rmSync(payloadTarget, { force: true });
    throw error;
  }
}

interface Layout {
  header: PackageHeader;
  sealedManifest: Buffer;
  payloadStart: number;
  payloadLength: number;
  fileSize: number;
}

function readLayout(path: string): Layout {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigilError('NOT_FOUND', 'No case package at that path');
    throw new VigilError('UNAVAILABLE', 'The case package cannot be read', { reason: code });
  }
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < CASE_MAGIC.length + 8 + MAC_BYTES) throw notAPackage();
    const start = readAt(fd, 0, CASE_MAGIC.length + 4);
    if (!start.subarray(0, CASE_MAGIC.length).equals(CASE_MAGIC)) throw notAPackage();
    const headerLength = start.readUInt32LE(CASE_MAGIC.length);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw notAPackage();
    const headerAt = CASE_MAGIC.length + 4;
    const manifestLengthAt = headerAt + headerLength;
    if (manifestLengthAt + 4 > fileSize - MAC_BYTES) throw notAPackage();
    let header: PackageHeader;
    try {
      header = headerSchema.parse(JSON.parse(readAt(fd, headerAt, headerLength).toString('utf8')));
    } catch {
      // The header is covered by the MAC, but that cannot be checked without a valid header.
      throw packageProblem('tampered', 'The case package header is damaged');
    }
    const manifestLength = readAt(fd, manifestLengthAt, 4).readUInt32LE(0);
    const payloadStart = manifestLengthAt + 4 + manifestLength;
    if (manifestLength < IV_BYTES + TAG_BYTES + 2 || manifestLength > MAX_MANIFEST_BYTES || payloadStart >= fileSize - MAC_BYTES) throw notAPackage();
    return {
      header, sealedManifest: readAt(fd, manifestLengthAt + 4, manifestLength), payloadStart, payloadLength: fileSize - MAC_BYTES - payloadStart, fileSize,
    };
  } finally {
    closeSync(fd);
  }
}

/** One pass over the file: HMAC of everything before the MAC, payload copied out and hashed. */
async function checkMacAndCopyPayload(path: string, layout: Layout, macKey: Buffer, payloadTarget: string): Promise<string> {
  const mac = createHmac('sha256', macKey);
  const payloadHash = createHash('sha256');
  const out = createWriteStream(payloadTarget, { flags: 'wx', mode: 0o600 });
  let position = 0;
  const macEnd = layout.fileSize - MAC_BYTES;
  try {
    for await (const chunk of createReadStream(path, { start: 0, end: macEnd - 1, highWaterMark: 1024 * 1024 })) {
      const bytes = chunk as Buffer;
      mac.update(bytes);
      const from = Math.max(layout.payloadStart - position, 0);
      if (from < bytes.length) {
        const payload = bytes.subarray(from);
        payloadHash.update(payload);
        if (!out.write(payload)) await once(out, 'drain');
      }
      position += bytes.length;
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  // A file that changed size under us is caught here: the stored MAC would be read from elsewhere.
  if (position !== macEnd) throw tampered();
  const fd = openSync(path, 'r');
  let stored: Buffer;
  try {
    if (fstatSync(fd).size !== layout.fileSize) throw tampered();
    stored = readAt(fd, macEnd, MAC_BYTES);
  } finally {
    closeSync(fd);
  }
  if (!timingSafeEqual(mac.digest(), stored)) throw tampered();
  return payloadHash.digest('hex');
}

function unsealManifest(sealed: Buffer, key: Buffer): CaseManifest {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    return caseManifestSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw tampered();
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw notAPackage();
    done += n;
  }
  return buffer;
}

/** Verify after writing: reads the sealed file back and checks its MAC with the keys it was sealed under. */
export async function verifySealedPackage(path: string, macKey: Buffer): Promise<void> {
  const size = statSync(path).size;
  const mac = createHmac('sha256', macKey);
  for await (const chunk of createReadStream(path, { start: 0, end: size - MAC_BYTES - 1, highWaterMark: 1024 * 1024 })) mac.update(chunk as Buffer);
  const fd = openSync(path, 'r');
  try {
    if (!timingSafeEqual(mac.digest(), readAt(fd, size - MAC_BYTES, MAC_BYTES))) {
      throw new VigilError('INTERNAL', 'The case package did not read back as written; it was removed');
    }
  } finally {
    closeSync(fd);
  }
}
