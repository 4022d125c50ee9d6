import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: argon2 and SQLCipher are CPU-bound, so more workers only add contention.
    maxWorkers: 2,
  },
});
