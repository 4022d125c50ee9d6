import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Timing-sensitive tests, one file at a time with nothing else running. They measure the workers as
// shipped (the build's out/main, made just before by `npm run test:unit`), not workers compiling
// their own TypeScript at start (see locateWorkerEntry).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.serial.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    fileParallelism: false,
    env: { VIGIL_WORKER_DIR: fileURLToPath(new URL('./out/main', import.meta.url)) },
  },
});
