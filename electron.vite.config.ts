import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Native modules stay external: Node loads them at run time (and Electron loads its own rebuild).
// pdfkit reads its font metrics from files beside its own code at run time, so it is not bundled either.
const nativeExternals = ['better-sqlite3-multiple-ciphers', 'argon2', 'electron', 'ws', 'otplib', 'zod', 'pdfkit'];
// The sync server's dependencies (src-server/, started by bin/vigil-server.js) load from node_modules
// at run time: pg and pino load optional parts by name, and none of them is wanted inside the app's bundles.
const serverExternals = ['fastify', '@fastify/rate-limit', 'kysely', 'pg', 'prom-client', 'pino'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        external: [...nativeExternals, ...serverExternals],
        input: {
          shell: resolve('src-main/shell/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
          server: resolve('src-server/main.ts'),
          // Worker entries: found at run time beside the entry points (src-main/workers/worker-launcher.ts).
          'backup-worker': resolve('src-main/workers/backup-worker.ts'),
          'checkpoint-worker': resolve('src-main/workers/checkpoint-worker.ts'),
          'report-worker': resolve('src-main/workers/report-worker.ts'),
          'analytics-worker': resolve('src-main/workers/analytics-worker.ts'),
          'import-worker': resolve('src-main/workers/import-worker.ts'),
          'vault-upgrade-worker': resolve('src-main/workers/vault-upgrade-worker.ts'),
          'sync-worker': resolve('src-main/workers/sync-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        external: ['electron'],
        input: { preload: resolve('src-main/shell/preload.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
