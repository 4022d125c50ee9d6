import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../../src-server/http/server';
import { openPlatformDb, type PlatformDb } from './platform-db';
import { FakeSync } from './platform-fixture';

/** A throwaway self-signed certificate for 127.0.0.1, made by openssl (the test is skipped without it). */
function selfSignedCertificate(dir: string): { cert: Buffer; key: Buffer } | null {
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-server-tls-'));
const certificate = selfSignedCertificate(dir);

describe('the server over HTTPS', () => {
  let platform: PlatformDb | null = null;
  afterEach(async () => {
    await platform?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(certificate === null)('serves with the certificate it is given', async () => {
    platform = await openPlatformDb('sqlite');
    const app = await buildServer({ db: platform.database.db, clock: () => 0, sync: new FakeSync(), logger: false, tls: certificate ?? undefined });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      // The client trusts only this certificate, so an answer proves the server presented it.
      const answer = await new Promise<{ status: number; body: string; subject: string }>((resolve, reject) => {
        const get = request({ host: '127.0.0.1', port, path: '/health', ca: certificate?.cert, checkServerIdentity: () => undefined, agent: false }, (response) => {
          const subject = String((response.socket as TLSSocket).getPeerCertificate().subject.CN);
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, subject }));
        });
        get.on('error', reject);
        get.end();
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok', db: 'ok' });
      expect(answer.subject).toBe('127.0.0.1');
    } finally {
      await app.close();
    }
  });
});
