// Where the log file is, shown where users need it: app.status names it (the window shows it in
// Settings › About and beside an error whose details are in the log), and `vigil help` says it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appLogger } from '../../../src-main/platform/logger';
import { runCli } from '../../../src-main/cli/main';
import { makeTestVault } from '../support/test-core';
import { describeError, rememberLogPath } from '../../../src-renderer/format/error-message';
import { VigilError } from '../../../src-shared/errors';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-logloc-'));
});
afterEach(() => {
  rememberLogPath(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('where the log file is shown', () => {
  it('app.status names the log file of the core it asks', async () => {
    const logger = appLogger(dir, { minimum: 'info' });
    const vault = makeTestVault({ logger });
    try {
      const status = await vault.client().invoke('app.status', {});
      expect(status.logPath).toBe(join(dir, 'logs', 'vigil.log'));
    } finally {
      vault.dispose();
      logger.close();
    }
  });

  it('an unexpected error on screen says which file holds its details', () => {
    const failure = new VigilError('INTERNAL', 'Something went wrong; the details are in the log');
    rememberLogPath('/home/ana/.config/Vigil/logs/vigil.log');
    expect(describeError(failure).message).toBe('Something went wrong; the details are in the log (/home/ana/.config/Vigil/logs/vigil.log)');
    // Other errors are about what the user did, not about the log.
    expect(describeError(new VigilError('VALIDATION', 'Type a title')).message).toBe('Type a title');
  });

  it('vigil help names the log file under the data directory and its default place', async () => {
    let out = '';
    const stdout = new Writable({ write(chunk: Buffer, _encoding, done) { out += chunk.toString(); done(); } });
    const code = await runCli(['--help'], { env: { VIGIL_DATA_DIR: dir }, stdin: process.stdin, stdout, stderr: stdout as unknown as NodeJS.WriteStream });
    expect(code).toBe(0);
    expect(out).toContain('DIR/logs/vigil.log');
    expect(out).toContain(join(dir, 'logs', 'vigil.log'));
  });
});
