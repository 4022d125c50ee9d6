// Lint, including the process-boundary rules (docs/ARCHITECTURE.md): only src-main/shell imports electron;
// src-shared imports neither Node nor the DOM; the renderer never imports src-main; the sync server
// (src-server) and the app (src-main, src-renderer) share only src-shared. And the layers
// inside the main process: no module imports a layer above its own, and no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

// Bare builtin names are listed as exact paths: as patterns, 'events' would also match './events'.
const bareBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'events'];
const builtinPaths = (message) => bareBuiltins.map((name) => ({ name, message }));

// The main process's layers, top to bottom (docs/ARCHITECTURE.md, "Layers inside the main
// process"). A module may import its own layer and any layer below it, never one above. Paths are
// globs from the repository root.
const MAIN_LAYERS = [
  { name: 'shell', files: ['src-main/shell/**', 'src-main/cli/**', 'src-main/core.ts'] },
  // A worker thread's entry point: started by its path, imported by nothing.
  { name: 'worker entry', files: ['src-main/workers/*-worker.ts'] },
  { name: 'transport', files: ['src-main/ipc/web-server.ts', 'src-main/ipc/web-security.ts', 'src-main/ipc/in-process-client.ts'] },
  {
    name: 'router',
    files: ['src-main/ipc/router.ts', 'src-main/ipc/call-metrics.ts', 'src-main/ipc/input-limits.ts', 'src-main/ipc/event-hub.ts', 'src-main/ipc/data-change-announcer.ts', 'src-main/ipc/announced-writes.ts', 'src-main/ipc/handlers/**'],
  },
  // Every other folder is a domain service, so a new domain is held to the layers from its first file.
  { name: 'service', files: ['src-main/!(shell|cli|ipc|workers|store|vault|audit|platform)/**', 'src-main/repositories.ts'] },
  { name: 'store', files: ['src-main/store/**', 'src-main/vault/**', 'src-main/audit/**', 'src-main/platform/**', 'src-main/workers/!(*-worker).ts'] },
  // Pure functions over strings (no I/O, no state) that recognise and mask PII: the logger's
  // redaction needs them as much as the services do.
  { name: 'value', files: ['src-main/entities/{entity-kinds,normalize,masking}.ts', 'src-main/pii/pii-spans.ts'] },
];

// The import pipeline (docs/ARCHITECTURE.md, "The import pipeline"): the generic stages in import/
// know no kind of import; import/alerts/ and import/investigations/ supply a kind's mapper and writer
// and may use their domain (alerts/, investigations/), which never imports the pipeline back.
const IMPORT_PIPELINE_ZONES = [
  {
    target: ['src-main/alerts/**', 'src-main/investigations/**'],
    from: 'src-main/import/**',
    message: 'alerts/ and investigations/ never import the import pipeline: import/alerts/ and import/investigations/ use them (docs/ARCHITECTURE.md, "The import pipeline").',
  },
  {
    target: 'src-main/import/*.ts',
    from: ['src-main/import/alerts/**', 'src-main/import/investigations/**'],
    message: 'The generic import stages (import/*.ts) never import a kind\'s stages: each kind plugs its mapper and writer into them (docs/ARCHITECTURE.md, "The import pipeline").',
  },
];

// The app's main process never imports the sync server (they share only src-shared).
const APP_NOT_SERVER_ZONE = {
  target: 'src-main/**',
  from: 'src-server/**',
  message: 'The app never imports the sync server: they share only src-shared (the wire types).',
};

/** import-x/no-restricted-paths zones: each layer's files may not import any layer above it. */
function layerZones(layers) {
  // This layer's files and those of the layers below, as globs a zone's `except` understands (it
  // matches them against absolute paths).
  const ownAndBelow = (index) => layers.slice(index).flatMap((layer) => layer.files.map((file) => `**/${file}`));
  return layers.flatMap((layer, index) => layers.slice(0, index).flatMap((above) => above.files.map((from) => ({
    target: layer.files,
    from,
    // A folder of an upper layer may hold files of this layer or a lower one (entities/ holds value modules).
    ...(from.endsWith('/**') ? { except: ownAndBelow(index) } : {}),
    message: `A ${layer.name} module may not import a ${above.name} module (docs/ARCHITECTURE.md, "Layers inside the main process").`,
  }))));
}

export default tseslint.config(
  {
    ignores: [
      'out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**',
      // Deliberate violations, linted only by tests/unit/architecture/layer-lint.test.ts (with ignore: false).
      'tests/fixtures/layers/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-server/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,ts}', 'bin/**/*.js', '*.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'tests/**/*.ts'],
    ignores: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/shell/ may import electron.' }] }],
    },
  },
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'src-shared runs in both processes: no Electron.' },
          ...builtinPaths('src-shared runs in both processes: no Node APIs.'),
        ],
        patterns: [
          { group: ['node:*'], message: 'src-shared runs in both processes: no Node APIs.' },
          { group: ['react', 'react-dom', '**/src-main/**', '**/src-renderer/**', '**/src-server/**', '**/src-server'], message: 'src-shared depends on nothing but zod.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through window.vigil.' },
          ...builtinPaths('The renderer is sandboxed: no Node APIs.'),
        ],
        patterns: [
          { group: ['**/src-main/**', '**/src-main'], message: 'The renderer never imports src-main: use the contract in src-shared.' },
          { group: ['**/src-server/**', '**/src-server'], message: 'The app never imports the sync server: they share only src-shared (the wire types).' },
          { group: ['node:*'], message: 'The renderer is sandboxed: no Node APIs.' },
        ],
      }],
    },
  },
  {
    // The sync server runs apart from the app (bin/vigil-server.js): it shares the wire types in
    // src-shared and nothing else, so a change inside the app cannot change what the server does.
    files: ['src-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The sync server is a plain Node process: no Electron.' }],
        patterns: [
          { group: ['**/src-main/**', '**/src-main', '**/src-renderer/**', '**/src-renderer'], message: 'src-server imports only src-server and src-shared.' },
        ],
      }],
    },
  },
  {
    // Imports resolve as the bundler resolves them: extensionless relative paths to .ts files.
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-server/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'tests/fixtures/layers/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.node'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/external-module-folders': ['node_modules'],
    },
    rules: {
      // Type-only imports are ignored by the rule (they vanish at runtime); node_modules are not walked.
      // No maxDepth: the walk is cheap next to parsing each module once more (with this rule and the
      // layer zones, `eslint .` took 34 s of CPU instead of 29 s; a depth of 6 saved little).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: [...layerZones(MAIN_LAYERS), ...IMPORT_PIPELINE_ZONES, APP_NOT_SERVER_ZONE] }],
    },
  },
  // Renderer layers (docs/ARCHITECTURE.md, "Renderer layers"): app → features → kit, components,
  // charts, format, api. The typescript-eslint rule rather than the core one, so these add to the
  // renderer's boundary rule above instead of replacing its options.
  {
    files: ['src-renderer/{kit,components,charts,format,api}/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/features', '**/features/**', '**/app', '**/app/**'], message: 'Every feature may use this folder, so it imports no feature and not the shell (app/).' }],
      }],
    },
  },
  {
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/app', '**/app/**'], message: 'Features never import the shell (app/): what they need from it belongs in kit/.' }],
      }],
    },
  },
);
