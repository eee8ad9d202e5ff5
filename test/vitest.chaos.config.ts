// Every reliability suite (SIGKILL chaos, Redis restart, ThreatConnect faults, bad input corpus);
// the first three take minutes, so only `npm run test:chaos` runs them (npm test runs the last).
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
