import { FlowProducer, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDashboard, type Dashboard } from './create-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

const TOKEN = 'tok-flow-retry-4e2b';
let tq: TestQueues;
let dashboard: Dashboard;

beforeAll(() => {
  tq = openTestQueues(inject('redisUrl'), 'dashboard-flow');
  dashboard = createDashboard({ queues: tq.queues, credentials: { token: TOKEN } });
});

afterAll(async () => {
  await dashboard.close();
  await tq.cleanup();
});

/** A parent in `incidents` whose only child in `indicators` failed and failed the parent. */
async function failedFlow(): Promise<{ parentId: string; childId: string }> {
  const flows = new FlowProducer({ connection: tq.redis, prefix: tq.prefix });
  const node = await flows.add({
    name: 'associate',
    queueName: 'incidents',
    data: {},
    children: [
      {
        name: 'create-indicators',
        queueName: 'indicators',
        data: {},
        opts: { attempts: 1, failParentOnFailure: true },
      },
    ],
  });
  await flows.close();
  const workerRedis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const worker = new Worker(
    'indicators',
    async () => {
      throw new Error('ThreatConnect said 500');
    },
    { connection: workerRedis, prefix: tq.prefix },
  );
  // failParentOnFailure is lazy: the parent is failed when a worker of its queue picks it up.
  const parentWorker = new Worker('incidents', async () => 'associated', {
    connection: workerRedis,
    prefix: tq.prefix,
  });
  const parentId = node.job.id as string;
  const childId = node.children?.[0]?.job.id as string;
  await expect
    .poll(async () => (await tq.byName('incidents').getJob(parentId))?.getState(), {
      timeout: 20_000,
    })
    .toBe('failed');
  await Promise.all([worker.close(), parentWorker.close()]);
  workerRedis.disconnect();
  return { parentId, childId };
}

describe('retrying a flow child from the board', () => {
  it('retries the child with attempts reset and puts its failed parent back to wait for it', async () => {
    const { parentId, childId } = await failedFlow();
    const res = await request(dashboard.app)
      .put(`/api/queues/indicators/${childId}/retry`)
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(204);
    const child = await tq.byName('indicators').getJob(childId);
    expect(await child?.getState()).toBe('waiting');
    expect(child?.attemptsMade).toBe(0);
    const parent = await tq.byName('incidents').getJob(parentId);
    expect(await parent?.getState()).toBe('waiting-children');
  });
});
