// A read-only command refused the vault (the app or `vigil serve` holds it) runs through the
// holder's command endpoint instead (src-main/ipc/command-endpoint.ts), with the API token in
// VIGIL_TOKEN: the same typed calls, over loopback HTTP instead of the in-process router.
import { randomBytes } from 'node:crypto';
import { VigilError, type InvokeResult } from '../../src-shared/errors';
import { createTypedClient, type TypedClient } from '../../src-shared/typed-client';
import {
  ENDPOINT_CHALLENGE_HEADER, ENDPOINT_KEY_HEADER, endpointProof, readEndpointFile, type EndpointRecord,
} from '../ipc/command-endpoint-file';
import { processAlive } from '../vault/data-dir-lock';
import { secretsEqual } from '../ipc/web-security';

// The holder answers the hello at once; a longer wait is a process that is not listening for us.
const HELLO_TIMEOUT_MS = 3000;

/**
 * The holder's endpoint when it is live: its file names a running process, and what answers on its
 * port proves it knows the file's key. Null for no file, a stale one (the process is gone, nothing
 * listens) or an impostor; the command is then refused as before.
 */
export async function liveEndpoint(dataDir: string): Promise<EndpointRecord | null> {
  const record = readEndpointFile(dataDir);
  if (!record || !processAlive(record.pid)) return null;
  const challenge = randomBytes(24).toString('base64url');
  try {
    const response = await fetch(`http://127.0.0.1:${record.port}/hello`, {
      headers: { [ENDPOINT_CHALLENGE_HEADER]: challenge },
      signal: AbortSignal.timeout(HELLO_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const body = await response.json() as InvokeResult<{ pid?: unknown; proof?: unknown }>;
    if (!body.ok || typeof body.value.proof !== 'string') return null;
    return secretsEqual(body.value.proof, endpointProof(record.key, challenge)) ? record : null;
  } catch {
    return null;
  }
}

/** A typed client whose every call goes to the endpoint with the token (each call a sign-in of its own there). */
export function endpointClient(record: EndpointRecord, token: string): TypedClient {
  return createTypedClient(async (channel, input) => {
    let response: Response;
    try {
      response = await fetch(`http://127.0.0.1:${record.port}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [ENDPOINT_KEY_HEADER]: record.key },
        body: JSON.stringify({ channel, input }),
      });
    } catch {
      throw new VigilError('UNAVAILABLE', `The Vigil process (pid ${record.pid}) holding this vault stopped answering; run the command again`);
    }
    try {
      return await response.json() as InvokeResult<unknown>;
    } catch {
      throw new VigilError('INTERNAL', `The Vigil process holding this vault answered ${response.status} without a result`);
    }
  });
}
