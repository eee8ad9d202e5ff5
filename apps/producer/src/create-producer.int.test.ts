import { createRedisConnection, isEvictingRedisError } from '@cuckoo-tc/queues';
import { startRedisServer } from '@cuckoo-tc/testing';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from './__fixtures__/harness.js';
import { createProducer, type ProducerOptions } from './create-producer.js';
import { isProducerError } from './errors.js';

describe('createProducer', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness(inject('redisUrl'));
  });

  afterEach(async () => {
    await h.cleanup();
  });

  const options = (): ProducerOptions => ({
    redis: h.redis,
    prefix: h.prefix,
    instance: 'sandbox01',
    storageDir: h.storageDir,
    sources: ['storage'],
    scan: { intervalMs: 20, settleMs: 0 },
    logger: h.logger,
  });

  async function until(predicate: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 500 && !(await predicate()); i += 1) {
      await new Promise(r => setTimeout(r, 20));
    }
  }

  it('stopped and created again, enqueues nothing twice and still finds new reports', async () => {
    await h.writeReport(1, undefined, 1_600_000_001);
    await h.writeReport(2, undefined, 1_600_000_002);
    const first = await createProducer(options());
    await until(async () => (await h.parseJobIds()).length === 2);
    await first.close();
    const before = await h.parseJobIds();
    expect(before).toHaveLength(2);

    const second = await createProducer(options());
    await h.writeReport(3, undefined, 1_600_000_003);
    await until(async () => (await h.parseJobIds()).length >= 3);
    await second.close();
    const after = await h.parseJobIds();
    expect(after).toHaveLength(3);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('reports its health and each job it adds', async () => {
    await h.writeReport(1, undefined, 1_600_000_001);
    const added: string[] = [];
    const producer = await createProducer({
      ...options(),
      onEnqueued: (outcome, trigger) => added.push(`${outcome.taskId}:${trigger}`),
    });
    try {
      await until(async () => added.length === 1);
      expect(added).toEqual(['1:scan']);
      expect(await producer.health()).toEqual({
        ok: true,
        checks: { redis: { ok: true, detail: 'PONG' }, storage: { ok: true, detail: 'running' } },
      });
    } finally {
      await producer.close();
    }
  });

  it('refuses to start on an evicting Redis', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'volatile-lru'] });
    const redis = createRedisConnection({ url: server.url, role: 'producer' });
    try {
      const failure = await createProducer({ ...options(), redis }).catch((err: unknown) => err);
      expect(isEvictingRedisError(failure)).toBe(true);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });

  it('says which setting a source lacks', async () => {
    const failure = await createProducer({ ...options(), sources: ['api'] }).catch(
      (err: unknown) => err,
    );
    expect(isProducerError(failure)).toBe(true);
    expect((failure as Error).message).toContain('cuckoo.apiUrl');
  });
});
