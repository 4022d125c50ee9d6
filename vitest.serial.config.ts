import { defineConfig } from 'vitest/config';

// Timing-sensitive tests, one file at a time with nothing else running.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.serial.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
