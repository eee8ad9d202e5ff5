import {
  buildAnalysisFlow,
  collectAssociateInputs,
  createBackoffStrategy,
} from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { FlowProducer, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

const ROOT = 'associate-sandbox01-7-vtest';
const INCIDENT = 'incident-sandbox01-7-vtest';

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

describe('cuckoo-tc requeue', () => {
  let prefix: string;
  let redis: Redis;
  let incidents: Queue;
  let parse: Queue;
  const closers: (() => Promise<unknown>)[] = [];
  const cli = (...argv: string[]) =>
    runCliForTest(
      ['requeue', ...argv, '--set', `redis.prefix=${prefix}`, '--set', 'cuckoo.instance=sandbox01'],
      { REDIS_URL: inject('redisUrl') },
    );

  beforeEach(() => {
    prefix = uniquePrefix('requeue-cli');
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    incidents = new Queue('incidents', { connection: redis, prefix });
    parse = new Queue('parse', { connection: redis, prefix });
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) {
      await close();
    }
    await incidents.close();
    await parse.close();
    redis.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  /** Incident and indicators processors; the incident fails while `failing.incident` is set. */
  function startWorkers(failing: { incident: boolean }): () => Promise<void> {
    const settings = { backoffStrategy: createBackoffStrategy({ defaultBaseMs: 1, maxMs: 5 }) };
    const chunks = new Worker(
      'indicators',
      async (job: Job) => ({ indicatorIds: [job.data.chunk], skipped: [] }),
      { connection: redis, prefix, settings },
    );
    const incidentWorker = new Worker(
      'incidents',
      async (job: Job) => {
        if (job.name === 'create-incident') {
          if (failing.incident) {
            throw new UnrecoverableError('400 owner not found');
          }
          return { incidentId: 42, created: true };
        }
        const inputs = collectAssociateInputs(await job.getChildrenValues());
        return { incidentId: inputs.incident?.incidentId, associated: inputs.indicatorIds.length };
      },
      { connection: redis, prefix, settings },
    );
    const stop = async (): Promise<void> => {
      await chunks.close();
      await incidentWorker.close();
    };
    closers.push(stop);
    return stop;
  }

  /** A flow whose incident child failed for good, which failed its parent. */
  async function failedFlow(): Promise<void> {
    const stop = startWorkers({ incident: true });
    const flows = new FlowProducer({ connection: redis, prefix });
    closers.push(() => flows.close());
    await flows.add(
      buildAnalysisFlow({
        instance: 'sandbox01',
        taskId: 7,
        version: 'vtest',
        incident: {
          xid: 'cuckoo-tc-sandbox01-7',
          name: 'Analysis 7',
          eventDate: '2020-01-01T00:00:00Z',
          attributes: [],
          tags: [],
        },
        indicators: [{ type: 'Host', value: 'a.test' }],
      }),
    );
    await until(async () => (await incidents.getJobState(ROOT)) === 'failed', 'the flow to fail');
    await stop();
  }

  it('refuses a missing filter, an unknown queue, a bad duration and a bad task id', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--queue Q, --analysis ID, --since DUR, or --all');
    const queue = await cli('--queue', 'alerts');
    expect(queue.code).toBe(2);
    expect(queue.stderr).toContain("unknown queue 'alerts' (queues: parse, indicators, incidents)");
    const since = await cli('--since', '2 weeks');
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since expects a duration');
    expect((await cli('--analysis', 'seven')).code).toBe(2);
  });

  it('fails fast with one line when Redis is unreachable', async () => {
    const run = await runCliForTest(['requeue', '--all'], { REDIS_URL: 'redis://127.0.0.1:9' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      'cannot reach Redis at redis://127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('lists a failed flow in a dry run and moves nothing', async () => {
    await failedFlow();
    const run = await cli('--analysis', '7', '--dry-run', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.dryRun).toBe(true);
    expect(report.counts).toEqual({ wouldMove: 2, skipped: 0 });
    expect(
      report.jobs.map((job: { jobId: string; role: string }) => [job.role, job.jobId]),
    ).toEqual([
      ['child', INCIDENT],
      ['parent', ROOT],
    ]);
    expect(report.jobs[0]).toMatchObject({
      queue: 'incidents',
      name: 'create-incident',
      instance: 'sandbox01',
      taskId: 7,
      failedReason: '400 owner not found',
    });
    expect(report.jobs[0].finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await incidents.getJobCounts('failed', 'wait', 'waiting-children')).toEqual({
      failed: 2,
      wait: 0,
      'waiting-children': 0,
    });
    const text = await cli('--all', '--dry-run');
    expect(text.stdout).toMatch(
      /^incidents +incident-sandbox01-7-vtest +create-incident \(flow child\) +sandbox01\/7 +400 owner not found/m,
    );
    expect(text.stdout).toContain('would move 2, skipped 0');
  });

  it('requeues the flow with attempts reset, and the parent completes after its child', async () => {
    await failedFlow();
    expect((await cli('--analysis', '8')).stdout).toContain('moved 0, skipped 0');
    const run = await cli('--analysis', '7');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('moved 2, skipped 0');
    expect(await incidents.getJobState(INCIDENT)).toBe('waiting');
    expect(await incidents.getJobState(ROOT)).toBe('waiting-children');
    expect((await incidents.getJob(INCIDENT))?.attemptsMade).toBe(0);

    startWorkers({ incident: false });
    await until(async () => (await incidents.getJobState(ROOT)) === 'completed', 'the parent');
    expect((await incidents.getJob(ROOT))?.returnvalue).toEqual({ incidentId: 42, associated: 1 });
  });

  it('requeues a failed job of one queue within a duration', async () => {
    await parse.add(
      'parse-report',
      { instance: 'sandbox01', taskId: 3 },
      { jobId: 'parse-x', attempts: 1 },
    );
    const worker = new Worker(
      'parse',
      async () => {
        throw new Error('report unreadable');
      },
      { connection: redis, prefix },
    );
    closers.push(() => worker.close());
    await until(async () => (await parse.getJobState('parse-x')) === 'failed', 'the parse job');
    await worker.close();

    const json = JSON.parse((await cli('--queue', 'parse', '--since', '10m', '--json')).stdout);
    expect(json.counts).toEqual({ moved: 1, skipped: 0 });
    expect(json.jobs[0]).toMatchObject({
      jobId: 'parse-x',
      role: 'job',
      failedReason: 'report unreadable',
    });
    expect(await parse.getJobState('parse-x')).toBe('waiting');
    const again = await cli('--queue', 'parse', '--json');
    expect(JSON.parse(again.stdout).counts).toEqual({ moved: 0, skipped: 0 });
  });
});
