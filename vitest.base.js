// Shared Vitest settings for every workspace: resolve workspace packages to their TypeScript
// source (the `source` export condition), so tests never need a prior build, and make sure a
// Redis is reachable before any test file runs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts'],
    globalSetup: [
      fileURLToPath(new URL('./packages/testing/src/redis-global-setup.ts', import.meta.url)),
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one Redis and spawn processes; two cores are the norm here.
    maxWorkers: 2,
  },
});
