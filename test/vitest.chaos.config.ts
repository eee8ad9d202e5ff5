// The reliability suites (SIGKILL chaos, Redis restart, ThreatConnect faults, bad input corpus):
// minutes of real worker processes and restarts, so they run by `npm run test:chaos`, not `npm test`.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.base.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['reliability/**/*.int.test.ts'],
      exclude: ['**/node_modules/**'],
      // One suite at a time: each one loads both cores with worker processes of its own.
      maxWorkers: 1,
      testTimeout: 600_000,
    },
  }),
);
