import { buildAnalysisFlow, parseJobId } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { createTcRedisKeys, createThrottleGate } from '@cuckoo-tc/threatconnect';
import { deliveryKey } from '@cuckoo-tc/worker';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

const ACCESS_ID = 'status-test-access-id';

describe('cuckoo-tc status', () => {
  let prefix: string;
  let redis: Redis;
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCliForTest(
      ['status', ...argv, '--set', `redis.prefix=${prefix}`, '--set', 'cuckoo.instance=sandbox01'],
      { REDIS_URL: inject('redisUrl'), TC_ACCESS_ID: ACCESS_ID, ...env },
    );

  beforeEach(() => {
    prefix = uniquePrefix('status-cli');
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  });

  afterEach(async () => {
    redis.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  async function withQueue(name: string, use: (queue: Queue) => Promise<void>): Promise<void> {
    const queue = new Queue(name, { connection: redis, prefix });
    try {
      await use(queue);
    } finally {
      await queue.close();
    }
  }

  it('shows counts, the oldest waiting job, pause, rate limit and a closed 429 gate', async () => {
    const now = Date.now();
    await withQueue('parse', async parse => {
      await parse.add('parse-report', {}, { jobId: 'parse-old', timestamp: now - 7_200_000 });
      await parse.add('parse-report', {}, { jobId: 'parse-new', timestamp: now - 60_000 });
      await parse.add('parse-report', {}, { jobId: 'parse-later', delay: 3_600_000 });
    });
    await withQueue('incidents', async incidents => {
      await incidents.pause();
      await incidents.rateLimit(90_000);
    });
    const gate = createThrottleGate({
      redis,
      key: createTcRedisKeys(prefix, ACCESS_ID).gate,
    });
    await gate.close(30_000);

    const run = await cli(['--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(ACCESS_ID);
    const status = JSON.parse(run.stdout);
    expect(status.queues.map((q: { queue: string }) => q.queue)).toEqual([
      'parse',
      'indicators',
      'incidents',
    ]);
    const [parse, indicators, incidents] = status.queues;
    expect(parse.counts).toEqual({
      waiting: 2,
      active: 0,
      delayed: 1,
      waitingChildren: 0,
      prioritized: 0,
      completed: 0,
      failed: 0,
    });
    expect(parse.oldestWaiting.jobId).toBe('parse-old');
    expect(parse.oldestWaiting.ageSeconds).toBeGreaterThanOrEqual(7_200);
    expect(parse.oldestWaiting.createdAt).toBe(new Date(now - 7_200_000).toISOString());
    expect(indicators).toMatchObject({
      paused: false,
      oldestWaiting: null,
      rateLimitTtlMs: 0,
      workers: 0,
    });
    expect(incidents.paused).toBe(true);
    expect(incidents.rateLimitTtlMs).toBeGreaterThan(0);
    expect(status.threatconnect.gate.state).toBe('closed');
    expect(status.threatconnect.gate.remainingSeconds).toBeGreaterThan(0);
    expect(status.threatconnect.gate.remainingSeconds).toBeLessThanOrEqual(30);

    const text = await cli([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^parse +2 +0 +1 +0 +0 +0 +0 +2h +no +no +0$/m);
    expect(text.stdout).toMatch(/^incidents +(0 +){7}- +yes +for 1m \d+s +0$/m);
    expect(text.stdout).toMatch(/ThreatConnect 429 gate: closed, opens in \d+s/);

    await gate.open();
    expect((await cli([])).stdout).toContain('ThreatConnect 429 gate: open');
  });

  it('reads the gate of the API token when one is configured', async () => {
    const token = 'status-test-token';
    await createThrottleGate({ redis, key: createTcRedisKeys(prefix, token).gate }).close(20_000);
    const byToken = await cli(['--json'], { TC_API_TOKEN: token });
    expect(byToken.stdout).not.toContain(token);
    expect(JSON.parse(byToken.stdout).threatconnect.gate.state).toBe('closed');
    const byAccessId = await cli(['--json']);
    expect(JSON.parse(byAccessId.stdout).threatconnect.gate.state).toBe('open');
  });

  it('says the gate is unknown without a ThreatConnect identity', async () => {
    const run = await cli(['--json'], { TC_ACCESS_ID: '' });
    expect(JSON.parse(run.stdout).threatconnect.gate).toEqual({
      state: 'unknown',
      remainingSeconds: null,
      note: 'no ThreatConnect identity configured',
    });
  });

  it('fails with one line without Redis, and on a bad task id', async () => {
    const down = await runCliForTest(['status'], { REDIS_URL: 'redis://127.0.0.1:9' });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain(
      'cannot reach Redis at redis://127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9',
    );
    expect((await cli(['--analysis', 'abc'])).code).toBe(2);
  });

  it('says so when an analysis has no delivery record', async () => {
    const run = await cli(['--analysis', '404']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'cuckoo-tc status: no delivery recorded for analysis 404 on instance sandbox01',
    );
  });

  it("shows one analysis' delivery and its jobs", async () => {
    const ref = { prefix, instance: 'sandbox01', taskId: 12 };
    await redis.hset(deliveryKey(ref), {
      instance: 'sandbox01',
      taskId: '12',
      status: 'delivered-with-warnings',
      version: 'vfeed',
      xid: 'cuckoo-tc-sandbox01-12',
      incidentId: '4242',
      webLink: 'https://tc.example/auth/incident/incident.xhtml?incident=4242',
      incidentCreated: 'true',
      indicators: '3',
      dropped: JSON.stringify({ 'sandbox-network': 4, 'benign-domain': 1 }),
      'chunk.0': JSON.stringify({ created: 2, cached: 0, skipped: { 'exclusion-list': 1 } }),
      associated: '2',
      'attempts.parse-report': '1',
      'attempts.create-indicators': '2',
      lastError: '503 Service Unavailable',
      warnings: JSON.stringify(['attribute type Source is missing in owner Lab']),
    });
    const flows = new FlowProducer({ connection: redis, prefix });
    await flows.add(
      buildAnalysisFlow({
        instance: 'sandbox01',
        taskId: 12,
        version: 'vfeed',
        incident: {
          xid: 'cuckoo-tc-sandbox01-12',
          name: 'n',
          eventDate: '2020-01-01T00:00:00Z',
          attributes: [],
          tags: [],
        },
        indicators: [{ type: 'Host', value: 'a.test' }],
      }),
    );
    await flows.close();

    const json = JSON.parse((await cli(['--analysis', '12', '--json'])).stdout);
    expect(json.analysis).toMatchObject({
      instance: 'sandbox01',
      taskId: 12,
      status: 'delivered-with-warnings',
      incident: { id: 4242, xid: 'cuckoo-tc-sandbox01-12', created: true },
      indicators: {
        toSend: 3,
        created: 2,
        cached: 0,
        associated: 2,
        skipped: { 'exclusion-list': 1 },
      },
      dropped: { 'sandbox-network': 4, 'benign-domain': 1 },
      attempts: { 'parse-report': 1, 'create-indicators': 2 },
      lastError: '503 Service Unavailable',
    });
    expect(
      json.analysis.jobs.map((job: { jobId: string; state: string }) => [job.jobId, job.state]),
    ).toEqual([
      ['associate-sandbox01-12-vfeed', 'waiting-children'],
      ['incident-sandbox01-12-vfeed', 'waiting'],
      ['indicators-sandbox01-12-vfeed-c0', 'waiting'],
    ]);

    const text = await cli(['--analysis', '12']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('analysis sandbox01/12 (report vfeed)');
    expect(text.stdout).toMatch(
      /incident +4242 https:\/\/tc\.example\/\S+ \(xid cuckoo-tc-sandbox01-12, created\)/,
    );
    expect(text.stdout).toMatch(/indicators +3 to send: 2 created, 0 from cache, 2 associated/);
    expect(text.stdout).toMatch(/dropped +sandbox-network 4, benign-domain 1/);
    expect(text.stdout).toMatch(/last error +503 Service Unavailable/);
    expect(text.stdout).toMatch(/warning +attribute type Source is missing/);
    expect(text.stdout).toMatch(
      /^incidents +associate-sandbox01-12-vfeed +associate +waiting-children +0/m,
    );
  });

  it('shows the failed parse job of a failed analysis and its reason, exit code 1', async () => {
    const jobId = parseJobId('sandbox01', 201, 'vempty');
    await withQueue('parse', async parse => {
      await parse.add('parse-report', {}, { jobId, attempts: 1 });
    });
    const worker = new Worker(
      'parse',
      async () => {
        throw new Error('bad report: report is empty (0 bytes)');
      },
      { connection: redis, prefix },
    );
    await new Promise<void>(resolve => worker.once('failed', () => resolve()));
    await worker.close();
    // What the worker records when a parse job fails for good.
    await redis.hset(deliveryKey({ prefix, instance: 'sandbox01', taskId: 201 }), {
      instance: 'sandbox01',
      taskId: '201',
      status: 'failed',
      version: 'vempty',
      lastError: `parse-report ${jobId}: bad report: report is empty (0 bytes)`,
    });

    const text = await cli(['--analysis', '201']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('analysis sandbox01/201 (report vempty)');
    expect(text.stdout).toMatch(/status +failed/);
    expect(text.stdout).toMatch(
      new RegExp(`^parse +${jobId} +parse-report +failed +1 +bad report: report is empty`, 'm'),
    );
    const json = await cli(['--analysis', '201', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).analysis.jobs).toMatchObject([
      { queue: 'parse', jobId, state: 'failed' },
    ]);
  });
});
