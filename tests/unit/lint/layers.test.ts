// The layers inside the main process (docs/ARCHITECTURE.md, "Layers inside the main process") and
// the ban on import cycles are enforced by eslint.config.js: these tests lint small files through
// ESLint's own API and check that `npm run lint` would fail. Layer checks lint text at paths inside
// src-main that need not exist (the rule resolves the imported module, which does); a cycle needs
// two real files, so those live in tests/fixtures/layers/, which the config ignores except here.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LAYER_RULE = 'import-x/no-restricted-paths';
const CYCLE_RULE = 'import-x/no-cycle';

// ignore: false, so the fixtures kept out of `npm run lint` are linted by the repository's config.
let eslint: ESLint;
// The same config without the cycle rule, whose walk of the real tree from each import would make
// the layer checks slow; they look at the layer rule alone.
let layersOnly: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, ignore: false });
  layersOnly = new ESLint({ cwd: repoRoot, overrideConfig: { rules: { [CYCLE_RULE]: 'off' } } });
});

async function lintText(filePath: string, code: string, linter = layersOnly): Promise<Linter.LintMessage[]> {
  const [result] = await linter.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages;
}

/** Errors (severity 2) from one rule: what fails `npm run lint`. */
function errorsFrom(messages: Linter.LintMessage[], ruleId: string): Linter.LintMessage[] {
  return messages.filter((m) => m.ruleId === ruleId && m.severity === 2);
}

function describeAll(messages: Linter.LintMessage[]): string[] {
  return messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const importing = (from: string) => `import * as upper from '${from}';\nexport const reached = upper;\n`;

describe('no module imports a layer above its own', () => {
  it('fails the build when a service imports a transport', async () => {
    const errors = errorsFrom(await lintText('src-main/backup/x.ts', importing('../ipc/web-server')), LAYER_RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/A service module may not import a transport module/);
  });

  it('fails the build when a service imports the router layer, even for a type (the event hub)', async () => {
    const code = "import type { EventHub } from '../ipc/event-hub';\nexport type Hub = EventHub;\n";
    expect(errorsFrom(await lintText('src-main/backup/x.ts', code), LAYER_RULE)).toHaveLength(1);
  });

  it('holds a new domain folder to the service layer from its first file', async () => {
    expect(errorsFrom(await lintText('src-main/new-domain/x.ts', importing('../ipc/router')), LAYER_RULE)).toHaveLength(1);
  });

  it('fails the build when the store imports a service', async () => {
    const errors = errorsFrom(await lintText('src-main/vault/x.ts', importing('../auth/session-service')), LAYER_RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/A store module may not import a service module/);
  });

  it('fails the build when a transport imports the composition root', async () => {
    const code = "import type { Core } from '../core';\nexport type Whole = Core;\n";
    expect(errorsFrom(await lintText('src-main/ipc/web-server.ts', code), LAYER_RULE)).toHaveLength(1);
  });

  it('fails the build when anything imports a worker entry point (workers are started by path)', async () => {
    expect(errorsFrom(await lintText('src-main/backup/x.ts', importing('../workers/backup-worker')), LAYER_RULE)).toHaveLength(1);
  });

  it('lets the store use the pure PII recognisers, and nothing else of the entities domain', async () => {
    expect(describeAll(await lintText('src-main/platform/x.ts', importing('../entities/masking')))).toEqual([]);
    expect(errorsFrom(await lintText('src-main/platform/x.ts', importing('../entities/entity-queries')), LAYER_RULE)).toHaveLength(1);
  });

  it('lets each layer import the layers below it', async () => {
    const downward: [string, string][] = [
      ['src-main/shell/x.ts', '../core'],
      ['src-main/ipc/web-server.ts', './router'],
      ['src-main/ipc/handlers/x.ts', '../../backup/backup-service'],
      ['src-main/backup/x.ts', '../vault/kdf'],
      ['src-main/workers/x-worker.ts', '../backup/backup-jobs'],
      ['src-main/vault/x.ts', '../workers/worker-launcher'],
    ];
    for (const [filePath, from] of downward) {
      expect(describeAll(await lintText(filePath, importing(from))), `${filePath} → ${from}`).toEqual([]);
    }
  });
});

describe('the import pipeline depends on the domains, never the reverse', () => {
  it('fails the build when alerts/ or investigations/ import the pipeline, even for a type', async () => {
    const fromAlerts = errorsFrom(await lintText('src-main/alerts/x.ts', importing('../import/import-driver')), LAYER_RULE);
    expect(fromAlerts).toHaveLength(1);
    expect(fromAlerts[0]?.message).toMatch(/alerts\/ and investigations\/ never import the import pipeline/);
    const typeOnly = "import type { CaseFields } from '../import/investigations/investigation-row-mapper';\nexport type Fields = CaseFields;\n";
    expect(errorsFrom(await lintText('src-main/investigations/x.ts', typeOnly), LAYER_RULE)).toHaveLength(1);
  });

  it('fails the build when a generic stage imports a kind of import', async () => {
    const errors = errorsFrom(await lintText('src-main/import/x.ts', importing('./alerts/alert-row-mapper')), LAYER_RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/generic import stages/);
    expect(errorsFrom(await lintText('src-main/import/x.ts', importing('./investigations/latest-case-rows')), LAYER_RULE)).toHaveLength(1);
  });

  it('lets a kind of import use the generic stages and its domain', async () => {
    const allowed: [string, string][] = [
      ['src-main/import/alerts/x.ts', '../import-driver'],
      ['src-main/import/alerts/x.ts', '../../alerts/alert-writer'],
      ['src-main/import/investigations/x.ts', '../../investigations/investigation-store'],
      ['src-main/import/x.ts', './file-reader'],
    ];
    for (const [filePath, from] of allowed) {
      expect(describeAll(await lintText(filePath, importing(from))), `${filePath} → ${from}`).toEqual([]);
    }
  });
});

describe('no import cycles', () => {
  it('fails the build on a two-module cycle, in both modules', async () => {
    const results = await eslint.lintFiles(['tests/fixtures/layers/cycle/*.ts']);
    expect(results).toHaveLength(2);
    for (const result of results) expect(errorsFrom(result.messages, CYCLE_RULE), result.filePath).toHaveLength(1);
  });

  it('lets two modules name each other’s types (nothing runs at load)', async () => {
    const results = await eslint.lintFiles(['tests/fixtures/layers/type-only/*.ts']);
    expect(results).toHaveLength(2);
    for (const result of results) expect(describeAll(result.messages), result.filePath).toEqual([]);
  });

  it('fails the build when a main-process module closes a cycle through the real tree', async () => {
    // store/ids.ts is imported, through several modules, by the sign-in service.
    const messages = await lintText('src-main/store/ids.ts', "import '../auth/login-service';\nexport const id = 1;\n", eslint);
    expect(errorsFrom(messages, CYCLE_RULE)).toHaveLength(1);
  });
});
