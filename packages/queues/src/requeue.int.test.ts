import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { FlowProducer, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildAnalysisFlow } from './analysis-flow.js';
import { createBackoffStrategy } from './backoff.js';
import type { QueueName } from './catalog.js';
import { collectAssociateInputs } from './flow-children.js';
import { createRedisConnection } from './redis-connection.js';
import { applyRequeue } from './requeue-apply.js';
import { planItems, planRequeue, planRequeueJobs } from './requeue-plan.js';
import type { RequeueContext } from './requeue-types.js';
import { createQueue } from './typed-queues.js';

const ALL: QueueName[] = ['parse', 'indicators', 'incidents'];
const input = {
  instance: 'sandbox01',
  taskId: 7,
  version: 'vtest',
  incident: {
    xid: 'x-7',
    name: 'Analysis 7',
    eventDate: '2020-01-01T00:00:00Z',
    attributes: [],
    tags: [],
  },
  indicators: Array.from({ length: 4 }, (_, i) => ({ type: 'Host' as const, value: `h${i}.test` })),
};
const ROOT = 'associate-sandbox01-7-vtest';

/** Polls until `check` holds; a bound so a broken flow fails the test instead of hanging it. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (await check()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('requeue of failed flow jobs on real Redis', () => {
  let prefix: string;
  let connection: Redis;
  let ctx: RequeueContext;
  const closers: (() => Promise<unknown>)[] = [];
  /** What the in-test processors do: fail the incident, fail chunk N, or succeed. */
  const behaviour = { failIncident: false, failChunk: -1 };
  /** While set, children wait for it: lets a test look at the parent while a child runs. */
  let hold: Promise<void> | null = null;
  let release: () => void = () => undefined;
  const holdChildren = (): void => {
    hold = new Promise(resolve => {
      release = resolve;
    });
  };

  beforeEach(() => {
    prefix = uniquePrefix('requeue');
    connection = createRedisConnection({ url: inject('redisUrl'), role: 'worker' });
    const queues = Object.fromEntries(
      ALL.map(name => [name, createQueue(name, { connection, prefix }) as Queue]),
    ) as Record<QueueName, Queue>;
    for (const queue of Object.values(queues)) {
      closers.push(() => queue.close());
    }
    ctx = { redis: connection, prefix, queues };
    behaviour.failIncident = false;
    behaviour.failChunk = -1;
    hold = null;
  });

  afterEach(async () => {
    release();
    for (const close of closers.splice(0).reverse()) {
      await close();
    }
    connection.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  function startWorkers(): void {
    const settings = { backoffStrategy: createBackoffStrategy({ defaultBaseMs: 1, maxMs: 5 }) };
    const indicators = new Worker(
      'indicators',
      async (job: Job) => {
        await hold;
        if (job.data.chunk === behaviour.failChunk) {
          throw new UnrecoverableError('400 invalid indicator');
        }
        return { indicatorIds: [job.data.chunk * 10, job.data.chunk * 10 + 1], skipped: [] };
      },
      { connection, prefix, settings },
    );
    const incidents = new Worker(
      'incidents',
      async (job: Job) => {
        if (job.name === 'create-incident') {
          await hold;
          if (behaviour.failIncident) {
            throw new Error('503 unavailable');
          }
          return { incidentId: 99, created: true };
        }
        const inputs = collectAssociateInputs(
          await job.getChildrenValues(),
          await job.getIgnoredChildrenFailures(),
        );
        if (!inputs.incident) {
          throw new Error('no incident to associate with');
        }
        return {
          incidentId: inputs.incident.incidentId,
          associated: inputs.indicatorIds.length,
          failedChunks: inputs.failedChunks,
        };
      },
      { connection, prefix, settings, concurrency: 4 },
    );
    closers.push(
      () => indicators.close(),
      () => incidents.close(),
    );
  }

  async function addFlow(): Promise<void> {
    const flows = new FlowProducer({ connection, prefix });
    closers.push(() => flows.close());
    const flow = buildAnalysisFlow(input, { indicatorChunkSize: 2 });
    for (const child of flow.children ?? []) {
      child.opts = {
        ...child.opts,
        attempts: 2,
        backoff: { type: 'jittered-exponential', delay: 1 },
      };
    }
    await flows.add(flow);
  }

  const stateOf = async (queue: QueueName, id: string): Promise<string> =>
    (await ctx.queues[queue].getJobState(id)) as string;

  it('brings a parent failed by its incident child back, and it completes after the child', async () => {
    behaviour.failIncident = true;
    startWorkers();
    await addFlow();
    await until(async () => (await stateOf('incidents', ROOT)) === 'failed', 'the parent to fail');

    behaviour.failIncident = false;
    const plan = await planRequeue(ctx, { queues: ['indicators'] });
    expect(plan.units).toEqual([]);
    const whole = await planRequeue(ctx, { queues: ALL });
    expect(planItems(whole).map(item => [item.role, item.jobId, item.state])).toEqual([
      ['child', 'incident-sandbox01-7-vtest', 'failed'],
      ['parent', ROOT, 'failed'],
    ]);
    holdChildren();
    const result = await applyRequeue(ctx, whole);
    expect(result.skipped).toEqual([]);
    expect(result.moved.map(item => item.jobId)).toEqual(['incident-sandbox01-7-vtest', ROOT]);
    // The parent waits for its running child instead of running (and failing) without it.
    await until(
      async () => (await stateOf('incidents', 'incident-sandbox01-7-vtest')) === 'active',
      'the child to start',
    );
    expect(await stateOf('incidents', ROOT)).toBe('waiting-children');
    release();

    await until(async () => (await stateOf('incidents', ROOT)) === 'completed', 'the parent');
    const root = await ctx.queues.incidents.getJob(ROOT);
    expect(root?.returnvalue).toEqual({ incidentId: 99, associated: 4, failedChunks: [] });
    const incident = await ctx.queues.incidents.getJob('incident-sandbox01-7-vtest');
    // One run after the reset; without it BullMQ would count on from the exhausted 2.
    expect(incident?.attemptsMade).toBe(1);
    expect(root?.attemptsMade).toBe(1);
  });

  it('re-runs a completed parent after its requeued indicator chunk succeeds', async () => {
    behaviour.failChunk = 1;
    startWorkers();
    await addFlow();
    await until(async () => (await stateOf('incidents', ROOT)) === 'completed', 'the parent');
    const first = await ctx.queues.incidents.getJob(ROOT);
    expect(first?.returnvalue.associated).toBe(2);

    behaviour.failChunk = -1;
    const plan = await planRequeue(ctx, {
      queues: ['indicators'],
      analysis: { instance: 'sandbox01', taskId: 7 },
    });
    expect(planItems(plan).map(item => [item.role, item.jobId, item.state])).toEqual([
      ['child', 'indicators-sandbox01-7-vtest-c1', 'failed'],
      ['parent', ROOT, 'completed'],
    ]);
    holdChildren();
    await applyRequeue(ctx, plan);
    await until(
      async () => (await stateOf('indicators', 'indicators-sandbox01-7-vtest-c1')) === 'active',
      'the chunk to start',
    );
    expect(await stateOf('incidents', ROOT)).toBe('waiting-children');
    release();
    await until(
      async () =>
        (await stateOf('incidents', ROOT)) === 'completed' &&
        (await ctx.queues.incidents.getJob(ROOT))?.returnvalue?.associated === 4,
      'the parent to associate every chunk',
    );
    const root = await ctx.queues.incidents.getJob(ROOT);
    expect(root?.returnvalue.failedChunks).toEqual([]);
  });

  it('takes back a parent still waiting to be failed by its child (deferred failure)', async () => {
    await addFlow();
    // A hand-driven worker fails the incident child; nobody picks the parent up, so it sits in
    // wait carrying the deferred "child failed" that would fail it on its next pick-up.
    const manual = new Worker('incidents', null, { connection, prefix, autorun: false });
    closers.push(() => manual.close());
    const child = (await manual.getNextJob('t1', { block: false })) as Job;
    expect(child.id).toBe('incident-sandbox01-7-vtest');
    await child.moveToFailed(new UnrecoverableError('400 owner not found'), 't1');
    expect(await stateOf('incidents', ROOT)).toBe('waiting');

    const plan = await planRequeue(ctx, { queues: ['incidents'] });
    expect(planItems(plan).map(item => [item.role, item.jobId, item.state])).toEqual([
      ['child', 'incident-sandbox01-7-vtest', 'failed'],
      ['parent', ROOT, 'waiting'],
    ]);
    await applyRequeue(ctx, plan);
    expect(await stateOf('incidents', ROOT)).toBe('waiting-children');
    startWorkers();
    await until(async () => (await stateOf('incidents', ROOT)) === 'completed', 'the parent');
    expect((await ctx.queues.incidents.getJob(ROOT))?.returnvalue.incidentId).toBe(99);
  });

  it('repairs a parent left failed by a child retried on its own (as the dashboard does)', async () => {
    behaviour.failIncident = true;
    startWorkers();
    await addFlow();
    await until(async () => (await stateOf('incidents', ROOT)) === 'failed', 'the parent to fail');
    behaviour.failIncident = false;
    holdChildren();
    const child = await ctx.queues.incidents.getJob('incident-sandbox01-7-vtest');
    await child?.retry('failed', { resetAttemptsMade: true });

    const plan = await planRequeue(ctx, { queues: ['incidents'] });
    expect(planItems(plan).map(item => [item.role, item.jobId, item.state])).toEqual([
      ['parent', ROOT, 'failed'],
    ]);
    await applyRequeue(ctx, plan);
    expect(await stateOf('incidents', ROOT)).toBe('waiting-children');
    release();
    await until(async () => (await stateOf('incidents', ROOT)) === 'completed', 'the parent');
  });

  it('leaves the children of an active parent alone', async () => {
    behaviour.failChunk = 0;
    await addFlow();
    const chunks = new Worker('indicators', null, { connection, prefix, autorun: false });
    const parents = new Worker('incidents', null, { connection, prefix, autorun: false });
    closers.push(
      () => chunks.close(),
      () => parents.close(),
    );
    for (let i = 0; i < 2; i += 1) {
      const chunk = (await chunks.getNextJob('c', { block: false })) as Job;
      if (chunk.data.chunk === 0) {
        await chunk.moveToFailed(new UnrecoverableError('400 invalid'), 'c');
      } else {
        await chunk.moveToCompleted({ indicatorIds: [1], skipped: [] }, 'c', false);
      }
    }
    const incident = (await parents.getNextJob('p', { block: false })) as Job;
    await incident.moveToCompleted({ incidentId: 1, created: true }, 'p', false);
    const parent = (await parents.getNextJob('p', { block: false })) as Job;
    expect(parent.id).toBe(ROOT);

    const plan = await planRequeue(ctx, { queues: ['indicators'] });
    expect(plan.units).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        queue: 'indicators',
        jobId: 'indicators-sandbox01-7-vtest-c0',
        reason: `parent ${ROOT} is active; requeue once it has finished`,
      },
    ]);
  });

  it('plans without moving anything, and honours the analysis and time filters', async () => {
    behaviour.failIncident = true;
    startWorkers();
    await addFlow();
    await until(async () => (await stateOf('incidents', ROOT)) === 'failed', 'the parent to fail');
    await Promise.all(closers.splice(ALL.length).map(close => close()));

    const before = await ctx.queues.incidents.getJobCounts('failed', 'wait', 'waiting-children');
    const plan = await planRequeue(ctx, { queues: ALL });
    expect(planItems(plan)).toHaveLength(2);
    expect(await ctx.queues.incidents.getJobCounts('failed', 'wait', 'waiting-children')).toEqual(
      before,
    );
    const other = await planRequeue(ctx, {
      queues: ALL,
      analysis: { instance: 'sandbox01', taskId: 8 },
    });
    expect(planItems(other)).toEqual([]);
    const future = await planRequeue(ctx, { queues: ALL, failedSince: Date.now() + 60_000 });
    expect(planItems(future)).toEqual([]);
    const recent = await planRequeue(ctx, { queues: ALL, failedSince: Date.now() - 60_000 });
    expect(planItems(recent)).toHaveLength(2);
    // One named job (a dashboard retry) still brings its flow along.
    const named = await planRequeueJobs(ctx, [
      { queue: 'incidents', jobId: 'incident-sandbox01-7-vtest' },
      { queue: 'indicators', jobId: 'indicators-sandbox01-7-vtest-c0' },
      { queue: 'parse', jobId: 'parse-nothing' },
    ]);
    expect(planItems(named).map(item => item.jobId)).toEqual(['incident-sandbox01-7-vtest', ROOT]);
    expect(named.skipped).toEqual([
      { queue: 'indicators', jobId: 'indicators-sandbox01-7-vtest-c0', reason: 'not failed' },
      { queue: 'parse', jobId: 'parse-nothing', reason: 'no such job' },
    ]);
  });
});
