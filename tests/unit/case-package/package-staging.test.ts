// Packages held between two calls from a window: only their owner reaches them, a download is
// fetched in order to its end and then gone, and nothing outlives 30 idle minutes or a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PackageStaging } from '../../../src-main/case-package/package-staging';
import { CASE_PACKAGE_CHUNK_BYTES } from '../../../src-shared/case-package-contract';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('case package staging', () => {
  it('serves a download in chunks to its owner only, then forgets it; drops idle ones; starts empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-staging-'));
    let now = 0;
    const staging = new PackageStaging(join(dir, 'staged'), () => now);
    const bytes = randomBytes(CASE_PACKAGE_CHUNK_BYTES + 10);
    const download = staging.reserve('alice', 'download', 'case.vigilcase');
    writeFileSync(download.path, bytes);

    expect(() => staging.chunk('bob', download.id, 0)).toThrow(/No such case package/);
    expect(() => staging.get('alice', download.id, 'import')).toThrow(/No such case package/);
    const first = staging.chunk('alice', download.id, 0);
    expect(first).toMatchObject({ nextOffset: CASE_PACKAGE_CHUNK_BYTES, sizeBytes: bytes.length });
    const last = staging.chunk('alice', download.id, first.nextOffset);
    expect(Buffer.concat([Buffer.from(first.dataBase64, 'base64'), Buffer.from(last.dataBase64, 'base64')]).equals(bytes)).toBe(true);
    expect(existsSync(download.path)).toBe(false);

    const upload = staging.reserve('alice', 'import', 'in.vigilcase');
    writeFileSync(upload.path, 'x');
    now += 31 * 60 * 1000;
    expect(() => staging.get('alice', upload.id, 'import')).toThrow(/expired/);
    expect(existsSync(upload.path)).toBe(false);

    const left = staging.reserve('alice', 'import', 'left.vigilcase');
    writeFileSync(left.path, 'x');
    new PackageStaging(join(dir, 'staged'), () => now);
    expect(existsSync(left.path)).toBe(false);
  });
});
