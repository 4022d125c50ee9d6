// Lint, including the process-boundary rules (docs/ARCHITECTURE.md): only src-main/shell imports electron;
// src-shared imports neither Node nor the DOM; the renderer never imports src-main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Bare builtin names are listed as exact paths: as patterns, 'events' would also match './events'.
const bareBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'events'];
const builtinPaths = (message) => bareBuiltins.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
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
    files: ['src-main/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,ts}', 'bin/**/*.js', '*.{js,ts}'],
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
          { group: ['react', 'react-dom', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared depends on nothing but zod.' },
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
          { group: ['node:*'], message: 'The renderer is sandboxed: no Node APIs.' },
        ],
      }],
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
