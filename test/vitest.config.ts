import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.base.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['**/*.test.ts'],
      exclude: [
        '**/node_modules/**',
        // Minutes each: run by `npm run test:chaos` (vitest.chaos.config.ts).
        'reliability/sigkill-chaos.int.test.ts',
        'reliability/redis-restart.int.test.ts',
        'reliability/threatconnect-faults.int.test.ts',
      ],
    },
  }),
);
