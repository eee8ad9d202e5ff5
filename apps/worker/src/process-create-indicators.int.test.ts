// The create-indicators processor on its own, against the emulator: invalid and excluded values
// are skipped with their reason, ids come back, and a second run takes them from the cache.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createQueue, type CreateIndicatorsPayload } from '@cuckoo-tc/queues';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { createLogger } from '@cuckoo-tc/telemetry';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { createThreatConnectClient, type ThreatConnectClient } from '@cuckoo-tc/threatconnect';
import type { Job } from 'bullmq';
import { readDeliveryRecord } from './delivery-record.js';
import { createIndicatorCache } from './indicator-cache.js';
import { processCreateIndicators } from './process-create-indicators.js';

describe('processCreateIndicators', () => {
  const url = inject('redisUrl');
  const prefix = uniquePrefix('indicators');
  let emulator: Emulator;
  let redis: Redis;
  let client: ThreatConnectClient;
  let queue: ReturnType<typeof createQueue<'indicators'>>;

  beforeAll(async () => {
    emulator = await createEmulator({ exclusions: { hosts: ['excluded.example'] } });
    redis = new Redis(url, { maxRetriesPerRequest: null });
    client = createThreatConnectClient({
      baseUrl: emulator.url,
      owner: DEFAULT_USER.defaultOwner,
      auth: { accessId: DEFAULT_USER.accessId, secretKey: DEFAULT_USER.secretKey },
    });
    queue = createQueue('indicators', { connection: redis, prefix });
  });
  afterAll(async () => {
    client?.close();
    await queue?.close();
    redis?.disconnect();
    await emulator?.close();
    await deleteKeysWithPrefix(url, prefix);
  });

  const deps = () => ({
    client,
    redis,
    logger: createLogger({ name: 'test', level: 'silent' }),
    prefix,
    throttle: { budgetMs: 60_000 },
    cache: createIndicatorCache({ redis, prefix, scope: 'test', ttlSeconds: 60 }),
  });

  async function job(chunk: number): Promise<Job<CreateIndicatorsPayload>> {
    const data: CreateIndicatorsPayload = {
      instance: 'lab',
      taskId: 5,
      chunk,
      chunks: 2,
      indicators: [
        { type: 'Address', value: '203.0.113.9' },
        { type: 'Host', value: 'bad_host!.example' },
        { type: 'Host', value: 'excluded.example' },
        { type: 'URL', value: 'http://ok.example/x' },
      ],
    };
    return (await queue.add('create-indicators', data)) as Job<CreateIndicatorsPayload>;
  }

  it('skips invalid and excluded values with their reason and returns the other ids', async () => {
    const result = await processCreateIndicators(deps(), await job(0), undefined);
    expect(result.indicatorIds).toHaveLength(2);
    expect(result.skipped).toEqual([
      { type: 'Host', value: 'bad_host!.example', reason: 'invalid-value' },
      { type: 'Host', value: 'excluded.example', reason: 'exclusion-list' },
    ]);
    const ids = emulator.state().indicators.map(i => i.id);
    expect(ids).toEqual(expect.arrayContaining(result.indicatorIds));
  });

  it('takes known ids from the cache on the next run, without calls', async () => {
    const before = emulator.state().requests.total;
    const result = await processCreateIndicators(deps(), await job(1), undefined);
    expect(result.indicatorIds).toHaveLength(2);
    // Only the two skipped values are tried again (they are never cached).
    expect(emulator.state().requests.total - before).toBe(2);
    const record = await readDeliveryRecord(redis, { prefix, instance: 'lab', taskId: 5 });
    expect(record).toMatchObject({
      created: 2,
      cached: 2,
      skipped: { 'invalid-value': 2, 'exclusion-list': 2 },
    });
  });

  it('fails the job, skipping nothing, when an answer says nothing about the value', async () => {
    // A redirect (an SSO proxy, say) is no refusal of this indicator: skipping it would lose it.
    emulator.configure({ faults: { failNext: { count: 1, status: 302 } } });
    const fresh: CreateIndicatorsPayload = {
      instance: 'lab',
      taskId: 6,
      chunk: 0,
      chunks: 1,
      indicators: [{ type: 'Host', value: 'never-seen.example' }],
    };
    const queued = (await queue.add('create-indicators', fresh)) as Job<CreateIndicatorsPayload>;
    await expect(processCreateIndicators(deps(), queued, undefined)).rejects.toThrow();
    const record = await readDeliveryRecord(redis, { prefix, instance: 'lab', taskId: 6 });
    expect(record?.skipped ?? {}).toEqual({});
  });
});
