// The sync server and the app share only src-shared (eslint.config.js): these lint small files at
// chosen paths through ESLint's own API and check that the build would fail.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.filter((message) => message.severity === 2).map((message: Linter.LintMessage) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('the sync server and the app share only src-shared', () => {
  it('fails the build when src-server imports the app', async () => {
    expect(await errors('src-server/http/x.ts', "import { uuidv7 } from '../../src-main/store/ids';\nexport const id = uuidv7;\n"))
      .toEqual([expect.stringContaining('src-server imports only src-server and src-shared')]);
    expect(await errors('src-server/x.ts', "import { api } from '../src-renderer/api/client';\nexport const a = api;\n"))
      .toEqual([expect.stringContaining('src-server imports only src-server and src-shared')]);
  });

  it('lets src-server import itself, src-shared and Node', async () => {
    const code = "import { SyncError } from '../errors';\nimport { ROLES } from '../../src-shared/permissions';\nimport { randomBytes } from 'node:crypto';\nexport const all = [SyncError, ROLES, randomBytes];\n";
    expect(await errors('src-server/http/x.ts', code)).toEqual([]);
  });

  it('fails the build when the app or shared code imports src-server', async () => {
    const code = "import { SyncError } from '../../src-server/errors';\nexport const e = SyncError;\n";
    for (const filePath of ['src-main/sync/x.ts', 'src-main/shell/x.ts', 'src-renderer/features/x.ts', 'src-shared/sub/x.ts']) {
      const found = await errors(filePath, code);
      expect(found, filePath).toHaveLength(1);
      expect(found[0], filePath).toMatch(/sync server|depends on nothing but zod/);
    }
  });
});
