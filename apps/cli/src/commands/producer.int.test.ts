import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createQueue, createRedisConnection } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { producerCommand } from './producer.js';

describe('cuckoo-tc producer', () => {
  let storage: string;
  const prefix = uniquePrefix('producer-cli');

  beforeEach(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'cuckoo-storage-'));
    const dir = path.join(storage, 'analyses', '5', 'reports');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'report.json'), '{"info": {"id": 5}}');
  });

  afterEach(async () => {
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
    await rm(storage, { recursive: true, force: true });
  });

  it('scans the storage directory until stopped, serving /healthz and /metrics', async () => {
    let stop: (signal: string) => void = () => undefined;
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const running = producerCommand.run({
      argv: [],
      env: {
        REDIS_URL: inject('redisUrl'),
        CUCKOO_TC_REDIS_PREFIX: prefix,
        CUCKOO_STORAGE_DIR: storage,
        CUCKOO_TC_SETTLE_SECONDS: '0',
        CUCKOO_TC_SCAN_INTERVAL_SECONDS: '1',
        LOG_LEVEL: 'silent',
        CUCKOO_TC_METRICS_PORT: '0',
      },
      stdout,
      stderr: new PassThrough(),
      stopSignal: new Promise<string>(resolve => (stop = resolve)),
    });
    const redis = createRedisConnection({ url: inject('redisUrl') });
    const parse = createQueue('parse', { connection: redis, prefix });
    try {
      for (let i = 0; i < 100 && (await parse.getJobCounts('wait')).wait === 0; i += 1) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect((await parse.getJobs(['wait'])).map(j => j.data.taskId)).toEqual([5]);
      const base = /\/healthz at (\S+)/.exec(printed)?.[1];
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, checks: { storage: { ok: true } } });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/cuckoo_tc_jobs_total\{[^}]*outcome="enqueued"[^}]*\} 1/);
    } finally {
      stop('SIGTERM');
      expect(await running).toBe(0);
      await parse.close();
      redis.disconnect();
    }
  });
});
