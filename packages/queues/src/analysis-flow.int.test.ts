import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { FlowProducer, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildAnalysisFlow } from './analysis-flow.js';
import { createBackoffStrategy } from './backoff.js';
import { collectAssociateInputs, type AssociateInputs } from './flow-children.js';
import { createRedisConnection } from './redis-connection.js';
import { createQueue } from './typed-queues.js';

const input = {
  instance: 'sandbox01',
  taskId: 7,
  version: 'vtest',
  incident: {
    xid: 'cuckoo-tc:sandbox01:7',
    name: 'Cuckoo Analysis',
    eventDate: '2020-01-01T00:00:00Z',
    attributes: [],
    tags: [],
  },
  indicators: Array.from({ length: 5 }, (_, i) => ({ type: 'Host' as const, value: `h${i}.test` })),
};

describe('analysis flow on real Redis', () => {
  let prefix: string;
  let connection: Redis;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(() => {
    prefix = uniquePrefix('flow');
    connection = createRedisConnection({ url: inject('redisUrl'), role: 'worker' });
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) {
      await close();
    }
    connection.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  function worker(queue: string, fn: (job: Job) => Promise<unknown>): Worker {
    const w = new Worker(queue, fn, {
      connection,
      prefix,
      settings: { backoffStrategy: createBackoffStrategy({ defaultBaseMs: 1, maxMs: 5 }) },
    });
    closers.push(() => w.close());
    return w;
  }

  async function runFlow(failIncident: boolean, failChunk: number): Promise<Job> {
    const flows = new FlowProducer({ connection, prefix });
    closers.push(() => flows.close());
    const events = new QueueEvents('incidents', { connection: connection.duplicate(), prefix });
    closers.push(() => events.close());
    await events.waitUntilReady();
    const flow = buildAnalysisFlow(input, { indicatorChunkSize: 2 });
    // Fast retries: the default backoff would make the test wait minutes.
    for (const child of flow.children ?? []) {
      child.opts = {
        ...child.opts,
        attempts: 2,
        backoff: { type: 'jittered-exponential', delay: 1 },
      };
    }
    const seen: AssociateInputs[] = [];
    worker('indicators', async job => {
      if (job.data.chunk === failChunk) {
        throw new UnrecoverableError('400 invalid indicator');
      }
      return {
        indicatorIds: job.data.indicators.map((_: unknown, i: number) => job.data.chunk * 10 + i),
        skipped: [],
      };
    });
    worker('incidents', async job => {
      if (job.name === 'create-incident') {
        if (failIncident) {
          throw new Error('503 unavailable');
        }
        return { incidentId: 99, created: true };
      }
      const inputs = collectAssociateInputs(
        await job.getChildrenValues(),
        await job.getIgnoredChildrenFailures(),
      );
      seen.push(inputs);
      return {
        incidentId: inputs.incident?.incidentId,
        associated: inputs.indicatorIds.length,
        failedChunks: inputs.failedChunks,
      };
    });
    const node = await flows.add(flow);
    const root = node.job;
    await new Promise<void>(resolve => {
      const done = ({ jobId }: { jobId: string }) => jobId === root.id && resolve();
      events.on('completed', done);
      events.on('failed', done);
    });
    return (await createQueueForRead('incidents').getJob(root.id ?? '')) as Job;
  }

  function createQueueForRead(name: 'incidents') {
    const queue = createQueue(name, { connection, prefix });
    closers.push(() => queue.close());
    return queue;
  }

  it('associates what succeeded and records a permanently failed indicator chunk', async () => {
    const root = await runFlow(false, 1);
    expect(await root.getState()).toBe('completed');
    expect(root.returnvalue).toEqual({
      incidentId: 99,
      associated: 3,
      failedChunks: [{ job: 'indicators-sandbox01-7-vtest-c1', reason: '400 invalid indicator' }],
    });
  });

  it('fails the parent instead of leaving it in waiting-children when the incident fails', async () => {
    const root = await runFlow(true, -1);
    expect(await root.getState()).toBe('failed');
    expect(root.failedReason).toContain('incident-sandbox01-7-vtest');
  });

  it('adds nothing when the same decision is added twice', async () => {
    const flows = new FlowProducer({ connection, prefix });
    closers.push(() => flows.close());
    const queue = createQueueForRead('incidents');
    await flows.add(buildAnalysisFlow(input));
    await flows.add(buildAnalysisFlow(input));
    const counts = await queue.getJobCounts('waiting-children', 'wait');
    expect(counts).toEqual({ 'waiting-children': 1, wait: 1 });
  });
});
