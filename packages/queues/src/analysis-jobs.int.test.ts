import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { FlowProducer, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { findAnalysisJobs } from './analysis-jobs.js';
import { buildAnalysisFlow } from './analysis-flow.js';
import type { QueueName } from './catalog.js';
import { createRedisConnection } from './redis-connection.js';
import { createQueue } from './typed-queues.js';

const ref = { instance: 'sandbox01', taskId: 5, version: 'vabc' };

describe('findAnalysisJobs on real Redis', () => {
  let prefix: string;
  let connection: Redis;
  let queues: Record<QueueName, Queue>;

  beforeEach(() => {
    prefix = uniquePrefix('analysis-jobs');
    connection = createRedisConnection({ url: inject('redisUrl'), role: 'worker' });
    queues = Object.fromEntries(
      (['parse', 'indicators', 'incidents'] as const).map(name => [
        name,
        createQueue(name, { connection, prefix }) as Queue,
      ]),
    ) as Record<QueueName, Queue>;
  });

  afterEach(async () => {
    await Promise.all(Object.values(queues).map(queue => queue.close()));
    connection.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  it('lists the parse job, the flow parent and its children with their states', async () => {
    await queues.parse.add('parse-report', {}, { jobId: 'parse-sandbox01-5-vabc' });
    const flows = new FlowProducer({ connection, prefix });
    await flows.add(
      buildAnalysisFlow(
        {
          ...ref,
          incident: {
            xid: 'x-7',
            name: 'n',
            eventDate: '2020-01-01T00:00:00Z',
            attributes: [],
            tags: [],
          },
          indicators: Array.from({ length: 3 }, (_, i) => ({
            type: 'Host' as const,
            value: `${i}.test`,
          })),
        },
        { indicatorChunkSize: 1 },
      ),
    );
    await flows.close();
    const jobs = await findAnalysisJobs(queues, prefix, ref);
    expect(jobs.map(job => [job.queue, job.jobId, job.state])).toEqual([
      ['parse', 'parse-sandbox01-5-vabc', 'waiting'],
      ['incidents', 'associate-sandbox01-5-vabc', 'waiting-children'],
      ['incidents', 'incident-sandbox01-5-vabc', 'waiting'],
      ['indicators', 'indicators-sandbox01-5-vabc-c0', 'waiting'],
      ['indicators', 'indicators-sandbox01-5-vabc-c1', 'waiting'],
      ['indicators', 'indicators-sandbox01-5-vabc-c2', 'waiting'],
    ]);
    expect(await findAnalysisJobs(queues, prefix, { ...ref, taskId: 6 })).toEqual([]);
  });

  it('finds children by id once their parent is gone', async () => {
    await queues.incidents.add('create-incident', {}, { jobId: 'incident-sandbox01-5-vabc' });
    await queues.indicators.add(
      'create-indicators',
      {},
      { jobId: 'indicators-sandbox01-5-vabc-c0' },
    );
    const jobs = await findAnalysisJobs(queues, prefix, ref);
    expect(jobs.map(job => job.jobId)).toEqual([
      'incident-sandbox01-5-vabc',
      'indicators-sandbox01-5-vabc-c0',
    ]);
    expect(jobs[0]).toMatchObject({ name: 'create-incident', attemptsMade: 0, failedReason: null });
  });
});
