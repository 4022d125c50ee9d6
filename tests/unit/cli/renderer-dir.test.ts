// `vigil serve` finds the built renderer whether its code sits in out/main/cli.js or, since commands
// load on demand, in a chunk under out/main/chunks/ (the e2e servers failed to start from there).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../../src-main/cli/commands/serve';

const out = mkdtempSync(join(tmpdir(), 'vigil-out-'));
mkdirSync(join(out, 'renderer'));
mkdirSync(join(out, 'main', 'chunks'), { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the built renderer folder', () => {
  it('is out/renderer from the CLI entry and from a chunk beside it', () => {
    expect(rendererDir({}, pathToFileURL(join(out, 'main', 'cli.js')).href)).toBe(join(out, 'renderer'));
    expect(rendererDir({}, pathToFileURL(join(out, 'main', 'chunks', 'serve-abc.js')).href)).toBe(join(out, 'renderer'));
  });

  it('is the folder VIGIL_RENDERER_DIR names, when set', () => {
    expect(rendererDir({ VIGIL_RENDERER_DIR: '/elsewhere' }, pathToFileURL(join(out, 'main', 'cli.js')).href)).toBe('/elsewhere');
  });
});
