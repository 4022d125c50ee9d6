import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Timing-sensitive tests run alone afterwards (vitest.serial.config.ts): a neighbouring test
    // file hogging both cores would show up as event-loop lag that is not ours.
    exclude: ['tests/unit/**/*.serial.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: argon2 and SQLCipher are CPU-bound, so more workers only add contention.
    maxWorkers: 2,
  },
});
