import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (*.test.ts); end-to-end tests live in tests/e2e.
export default defineConfig({
  test: {
    include: ['{main,native,protocol,preload,renderer/src,tests}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
