// <dataDir>/vigil.endpoint: where the process holding the vault takes read-only commands
// (command-endpoint.ts). Written atomically, owner-only, by the holder once it listens, removed when
// it closes. It holds the port, the holder's pid and a random key that every call must carry, so
// only someone who can read the data directory (its owner) can reach the endpoint at all.
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from '../vault/atomic-file';

export const ENDPOINT_FILE = 'vigil.endpoint';

export interface EndpointRecord {
  port: number;
  pid: number;
  key: string;
}

export function endpointPath(dataDir: string): string {
  return join(dataDir, ENDPOINT_FILE);
}

export function writeEndpointFile(dataDir: string, record: EndpointRecord): void {
  removeStaleTempFiles(endpointPath(dataDir));
  writeFileAtomic(endpointPath(dataDir), `${JSON.stringify(record)}\n`, 0o600);
}

/** Removes the file only while it is still this record's: a later holder's file is left alone. */
export function removeEndpointFile(dataDir: string, record: EndpointRecord): void {
  const current = readEndpointFile(dataDir);
  if (current && current.pid === record.pid && current.port === record.port) rmSync(endpointPath(dataDir), { force: true });
}

/** The record, or null when there is none or it is not one (a torn or foreign file is no endpoint). */
export function readEndpointFile(dataDir: string): EndpointRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(endpointPath(dataDir), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { port, pid, key } = value as Partial<EndpointRecord>;
  const valid = Number.isInteger(port) && (port ?? 0) > 0 && (port ?? 0) < 65536 && Number.isInteger(pid) && (pid ?? 0) > 0
    && typeof key === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(key);
  return valid ? { port: port as number, pid: pid as number, key: key as string } : null;
}

/** Every call carries the file's key in this header. */
export const ENDPOINT_KEY_HEADER = 'x-vigil-endpoint-key';
/** A command's random challenge to GET /hello, answered with endpointProof before it sends a token. */
export const ENDPOINT_CHALLENGE_HEADER = 'x-vigil-challenge';

/**
 * What proves an endpoint knows the key in the file: a command checks it before it sends the API
 * token, so a program that took over the port of an app gone since is never handed one.
 */
export function endpointProof(key: string, challenge: string): string {
  return createHmac('sha256', key).update(challenge).digest('base64url');
}
