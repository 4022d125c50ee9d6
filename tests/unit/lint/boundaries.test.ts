// The process boundaries (docs/ARCHITECTURE.md, "Process boundaries") are enforced by
// eslint.config.js, not by hope: these tests lint small files at chosen paths through ESLint's own
// API and check that the build would fail.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
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

const electronImport = "import { app } from 'electron';\nexport const ready = app.whenReady();\n";

describe('electron stays in src-main/shell', () => {
  it('fails the build when a core module imports electron', async () => {
    const messages = await lint('src-main/auth/x.ts', electronImport);
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(1);
  });

  it('fails the build when a core module re-exports electron', async () => {
    expect(errorsFrom(await lint('src-main/ipc/x.ts', "export { app } from 'electron';\n"), 'no-restricted-imports')).toHaveLength(1);
  });

  it('fails the build when shared code, the renderer or a test imports electron', async () => {
    for (const filePath of ['src-shared/x.ts', 'src-renderer/features/x.tsx', 'tests/unit/x.test.ts']) {
      expect(errorsFrom(await lint(filePath, electronImport), 'no-restricted-imports'), filePath).toHaveLength(1);
    }
  });

  it('lets the shell import electron', async () => {
    const messages = await lint('src-main/shell/x.ts', electronImport);
    expect(describeAll(messages)).toEqual([]);
  });

  it('lets core modules use Node builtins (only electron is kept out of them)', async () => {
    const messages = await lint('src-main/auth/x.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(describeAll(messages)).toEqual([]);
  });
});

describe('src-shared runs in both processes', () => {
  it('fails the build on a node: builtin import', async () => {
    const messages = await lint('src-shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(1);
  });

  it('fails the build on a bare builtin import such as fs or events', async () => {
    expect(errorsFrom(await lint('src-shared/x.ts', "import fs from 'fs';\nexport const files = fs;\n"), 'no-restricted-imports')).toHaveLength(1);
    const events = "import { EventEmitter } from 'events';\nexport const Emitter = EventEmitter;\n";
    expect(errorsFrom(await lint('src-shared/x.ts', events), 'no-restricted-imports')).toHaveLength(1);
  });

  it('fails the build on each use of a DOM or Node global', async () => {
    const code = [
      'export const href = window.location.href;',
      'export const title = document.title;',
      'export const env = process.env;',
      '',
    ].join('\n');
    const errors = errorsFrom(await lint('src-shared/x.ts', code), 'no-restricted-globals');
    expect(errors.map((m) => m.line)).toEqual([1, 2, 3]);
  });

  it('fails the build when shared code reaches into main, the renderer or React', async () => {
    const intoMain = "import { createCore } from '../src-main/core';\nexport const make = createCore;\n";
    const intoReact = "import { useState } from 'react';\nexport const hook = useState;\n";
    expect(errorsFrom(await lint('src-shared/x.ts', intoMain), 'no-restricted-imports')).toHaveLength(1);
    expect(errorsFrom(await lint('src-shared/x.ts', intoReact), 'no-restricted-imports')).toHaveLength(1);
  });

  it('allows zod and sibling shared modules, including one named like a builtin (./events)', async () => {
    const code = "import { z } from 'zod';\nimport './events';\nexport const name = z.string();\n";
    expect(describeAll(await lint('src-shared/x.ts', code))).toEqual([]);
  });

  it('holds a .tsx file in src-shared to the same rules', async () => {
    const messages = await lint('src-shared/x.tsx', "import fs from 'fs';\nexport const files = fs;\n");
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(1);
  });
});

describe('the renderer talks to main only through the contract', () => {
  it('fails the build when a renderer module imports src-main', async () => {
    const deep = "import { createCore } from '../../src-main/core';\nexport const make = createCore;\n";
    const folder = "import * as main from '../../src-main';\nexport const everything = main;\n";
    expect(errorsFrom(await lint('src-renderer/features/x.tsx', deep), 'no-restricted-imports')).toHaveLength(1);
    expect(errorsFrom(await lint('src-renderer/features/x.tsx', folder), 'no-restricted-imports')).toHaveLength(1);
  });

  it('fails the build when a renderer module imports a Node builtin', async () => {
    const messages = await lint('src-renderer/features/x.tsx', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(1);
  });

  it('lets a renderer module import the shared contract', async () => {
    const code = "import { contract } from '../../src-shared/contract';\nexport const channels = Object.keys(contract);\n";
    expect(describeAll(await lint('src-renderer/features/x.tsx', code))).toEqual([]);
  });
});

describe('types stay honest', () => {
  it('fails the build on an explicit any in main, shared or renderer code', async () => {
    const code = 'export function show(value: any): string {\n  return String(value);\n}\n';
    for (const filePath of ['src-main/x.ts', 'src-shared/x.ts', 'src-renderer/features/x.tsx']) {
      expect(errorsFrom(await lint(filePath, code), '@typescript-eslint/no-explicit-any'), filePath).toHaveLength(1);
    }
  });

  it('accepts the same function typed as unknown', async () => {
    const code = 'export function show(value: unknown): string {\n  return String(value);\n}\n';
    expect(describeAll(await lint('src-main/x.ts', code))).toEqual([]);
  });
});

describe('renderer imports point down: app → features → kit and components', () => {
  const rule = '@typescript-eslint/no-restricted-imports';
  const importing = (from: string) => `import { thing } from '${from}';\nexport const used = thing;\n`;

  it('fails the build when the kit, a component, a chart, a formatter or the api client imports a feature', async () => {
    for (const filePath of ['src-renderer/kit/x.ts', 'src-renderer/components/X.tsx', 'src-renderer/charts/x.ts', 'src-renderer/format/x.ts', 'src-renderer/api/x.ts']) {
      expect(errorsFrom(await lint(filePath, importing('../features/pii/store')), rule), filePath).toHaveLength(1);
    }
  });

  it('fails the build when the kit or a component imports the shell, a type included', async () => {
    expect(errorsFrom(await lint('src-renderer/kit/x.ts', importing('../app/navigation')), rule)).toHaveLength(1);
    const typeOnly = "import type { Screen } from '../app/screen';\nexport type Shown = Screen;\n";
    expect(errorsFrom(await lint('src-renderer/components/X.tsx', typeOnly), rule)).toHaveLength(1);
  });

  it('fails the build when a feature imports the shell', async () => {
    expect(errorsFrom(await lint('src-renderer/features/triage/x.ts', importing('../../app/AppLayout')), rule)).toHaveLength(1);
  });

  it('lets a feature use the kit, components and another feature, and the shell use features', async () => {
    const feature = [
      "import { useAction } from '../../kit/use-action';",
      "import { Button } from '../../components/Button';",
      "import { MaskedValue } from '../pii/MaskedValue';",
      'export const parts = [useAction, Button, MaskedValue];',
      '',
    ].join('\n');
    expect(describeAll(await lint('src-renderer/features/triage/x.ts', feature))).toEqual([]);
    expect(describeAll(await lint('src-renderer/app/x.ts', importing('../features/triage/TriagePage')))).toEqual([]);
    expect(describeAll(await lint('src-renderer/kit/x.ts', importing('./session-store')))).toEqual([]);
  });
});
