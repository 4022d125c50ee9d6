// The log file: in the app-data folder, owner-only, rotated at its size limit with a fixed number
// of files kept, and never holding a secret field or PII written into a message.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appLogger } from '../../../src-main/platform/logger';
import { logFilePath, RotatingLogFile } from '../../../src-main/platform/log-file';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log file', () => {
  it('lives at <data dir>/logs/vigil.log, owner-only, and says where it is', () => {
    const logger = appLogger(dir, { minimum: 'info' });
    logger.log('warn', 'a backup could not run', { reason: 'folder missing' });
    logger.close();
    expect(logger.filePath).toBe(join(dir, 'logs', 'vigil.log'));
    expect(statSync(logger.filePath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(lines(logger.filePath)).toEqual([expect.objectContaining({ level: 'warn', message: 'a backup could not run', reason: 'folder missing' })]);
  });

  it('narrows an existing log file to 0600', () => {
    mkdirSync(join(dir, 'logs'));
    writeFileSync(logFilePath(dir), '', { mode: 0o644 });
    chmodSync(logFilePath(dir), 0o644);
    const logger = appLogger(dir, { minimum: 'info' });
    logger.log('error', 'x');
    logger.close();
    expect(statSync(logFilePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('writes nothing below its level and creates no file for a run that logged nothing', () => {
    const logger = appLogger(dir, { minimum: 'warn' });
    logger.log('info', 'routine');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rotates at the size limit and keeps only the configured number of files, each under the limit', () => {
    const path = logFilePath(dir);
    const file = new RotatingLogFile(path, { maxBytes: 1000, files: 3 });
    const line = (n: number) => `${String(n).padStart(4, '0')} ${'x'.repeat(94)}`; // 100 bytes with the newline
    for (let n = 0; n < 45; n += 1) file.append(line(n));
    file.close();
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['vigil.log', 'vigil.log.1', 'vigil.log.2']);
    for (const name of ['vigil.log', 'vigil.log.1', 'vigil.log.2']) {
      expect(statSync(join(dir, 'logs', name)).size).toBeLessThanOrEqual(1000);
      expect(statSync(join(dir, 'logs', name)).mode & 0o777).toBe(0o600);
    }
    // Newest in vigil.log, the one before in .1, the oldest kept in .2; lines 0-14 are gone.
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(line(40));
    expect(readFileSync(`${path}.1`, 'utf8').split('\n')[0]).toBe(line(30));
    expect(readFileSync(`${path}.2`, 'utf8').split('\n')[0]).toBe(line(20));
    expect(readFileSync(`${path}.2`, 'utf8')).not.toContain(line(15));
  });

  it('carries on from the size an existing file already has', () => {
    const path = logFilePath(dir);
    mkdirSync(join(dir, 'logs'));
    writeFileSync(path, 'y'.repeat(950));
    const file = new RotatingLogFile(path, { maxBytes: 1000, files: 2 });
    file.append('z'.repeat(99));
    file.close();
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('y'.repeat(950));
    expect(readFileSync(path, 'utf8')).toBe(`${'z'.repeat(99)}\n`);
  });
});

describe('what a log line may hold', () => {
  function logged(message: string, context?: Record<string, unknown>): { text: string; line: Record<string, unknown> } {
    const logger = appLogger(dir, { minimum: 'debug' });
    logger.log('error', message, context);
    logger.close();
    const text = readFileSync(logger.filePath, 'utf8');
    return { text, line: JSON.parse(text) as Record<string, unknown> };
  }

  it('replaces password, token, key, secret, TOTP, passphrase and recovery fields, at any depth', () => {
    const { text, line } = logged('sign-in failed', {
      username: 'ada',
      password: 'hunter2-correct-horse',
      request: { sessionToken: 'tok_8f1e2d3c4b5a', totp_code: '123456', headers: { Authorization: 'Bearer abc.def' } },
      dataKey: 'deadbeefcafebabe',
      clientSecret: 's3cr3t-value',
      casePassphrase: 'a long case passphrase',
      'recovery-key': 'RK-AAAA-BBBB',
      attempts: [{ newPassword: 'another-one-here' }],
    });
    for (const secret of ['hunter2', 'tok_8f1e2d3c4b5a', '123456', 'abc.def', 'deadbeefcafebabe', 's3cr3t', 'a long case passphrase', 'RK-AAAA', 'another-one']) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({ username: 'ada', password: '[redacted]', dataKey: '[redacted]', request: { sessionToken: '[redacted]', totp_code: '[redacted]' } });
    expect(line['message']).toBe('sign-in failed');
  });

  it('masks an email, an IP and a phone number written into the message, string fields and errors', () => {
    const { text } = logged('import row refused for mallory@example.com from 203.0.113.77', {
      detail: 'call +1 415 555 0100 about mallory@example.com',
      error: new Error('UNIQUE constraint failed: entities.value = bob@example.org'),
    });
    expect(text).not.toContain('mallory@example.com');
    expect(text).not.toContain('203.0.113.77');
    expect(text).not.toContain('bob@example.org');
    expect(text).not.toContain('555 0100');
    expect(text).toContain('import row refused for');
    expect(text).toContain('@example.com');
  });

  it('redacts a secret written as name=value inside a message', () => {
    const { text } = logged('retrying with password=hunter22 and token: abcdef123456');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('abcdef123456');
    expect(text).toContain('password=[redacted]');
  });

  it('keeps its own fields: a context cannot overwrite the level or the message', () => {
    const { line } = logged('real message', { message: 'forged', level: 'debug' });
    expect(line).toMatchObject({ message: 'real message', level: 'error' });
  });
});
