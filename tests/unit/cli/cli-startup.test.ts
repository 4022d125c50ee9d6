// `vigil help` must answer fast: main.ts statically imports only the usage text and argument
// parsing; each command (and the core, SQLite, argon2 behind it) is imported when that command runs.
// Walked here over the static imports the bundler follows into out/main/cli.js.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Static value imports (`import … from`, `export … from`, bare `import '…'`); `import type` and `import()` are not followed. */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) if (match[1]) specifiers.push(match[1]);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) if (existsSync(candidate) && candidate.match(/\.(ts|tsx|json)$/)) return candidate;
  return null;
}

/** Every local file and package reached from `entry` through static imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('.json')) continue;
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      const local = resolveLocal(file, specifier);
      if (local) queue.push(local);
      else if (!specifier.startsWith('.')) packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('vigil start-up', () => {
  it('statically reaches neither the core, the store nor a native module from the CLI entry', () => {
    const { files, packages } = staticGraph(resolve(repoRoot, 'src-main/cli/main.ts'));
    const reached = [...files].map((f) => f.slice(repoRoot.length));
    expect(reached).toContain('src-main/cli/help-text.ts');
    for (const heavy of ['src-main/core.ts', 'src-main/cli/cli-context.ts', 'src-main/store/database.ts', 'src-main/vault/custody.ts']) expect(reached).not.toContain(heavy);
    expect(reached.filter((f) => f.startsWith('src-main/cli/commands/'))).toEqual([]);
    for (const native of ['better-sqlite3-multiple-ciphers', 'argon2', 'zod', 'pdfkit', 'otplib']) expect([...packages]).not.toContain(native);
  });

  it('the walk does see the core behind a command (so the check above can fail)', () => {
    const { files } = staticGraph(resolve(repoRoot, 'src-main/cli/cli-context.ts'));
    expect([...files].map((f) => f.slice(repoRoot.length))).toContain('src-main/core.ts');
  });

  it('prints the usage, export and token commands included', async () => {
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    const code = await runCli(['help'], { env: {}, stdin, stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream });
    expect(code).toBe(0);
    expect(out).toContain('vigil export alerts');
    expect(out).toContain('vigil token create');
  });
});
