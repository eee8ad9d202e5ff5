// BUG-23: an evicting Redis silently loses queued analyses, so the worker refuses to start on
// one, naming the policy and the fix; on noeviction it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEvictingRedisError } from '@cuckoo-tc/queues';
import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { createLogger } from '@cuckoo-tc/telemetry';
import { startRedisServer } from '@cuckoo-tc/testing';
import { createWorkers } from '@cuckoo-tc/worker';
import { testConfig } from './harness.js';

const logger = createLogger({ name: 'worker', level: 'silent' });

describe('BUG-23: Redis eviction policy at worker start', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await createEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  for (const policy of ['allkeys-lru', 'volatile-lru']) {
    it(`refuses to start on ${policy}`, async () => {
      const redis = await startRedisServer({ args: ['--maxmemory-policy', policy] });
      try {
        const config = await testConfig(redis.url, 'bug23', emulator.url);
        const error = await createWorkers({ config, logger }).then(
          running => running.close().then(() => null),
          (err: unknown) => err,
        );
        expect(isEvictingRedisError(error)).toBe(true);
        expect((error as Error).message).toContain(`maxmemory-policy ${policy}`);
        expect((error as Error).message).toContain('noeviction');
      } finally {
        await redis.stop();
      }
    });
  }

  it('starts on noeviction', async () => {
    const redis = await startRedisServer({ args: ['--maxmemory-policy', 'noeviction'] });
    try {
      const config = await testConfig(redis.url, 'bug23', emulator.url);
      const running = await createWorkers({ config, logger });
      expect(running.worker('parse')?.isRunning()).toBe(true);
      await running.close();
    } finally {
      await redis.stop();
    }
  });
});
