// ThreatConnect faults against the real workers: 429 storms (with and without Retry-After),
// 5xx then success, wrong credentials, BUG-21 (throttling spends no attempts; an endless one
// fails as rate_limited_too_long), exclusion-list skips, and BUG-18 (missing attribute type or
// label: the incident is created without it and the delivery carries a warning).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RATE_LIMITED_TOO_LONG, createIndicatorsJobId } from '@cuckoo-tc/queues';
import {
  createEmulator,
  DEFAULT_ATTRIBUTE_TYPES,
  DEFAULT_SECURITY_LABELS,
} from '@cuckoo-tc/tc-emulator';
import {
  INSTANCE,
  associatedSummaries,
  createIncidentJobId,
  deliver,
  enqueue,
  fileJob,
  incidentsOf,
  sleep,
  startPipeline,
  waitForJob,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');
const TASK = 101;

/** Every job of the analysis' flow, with its attempts. */
async function flowJobs(
  p: Pipeline,
  version = 'v1',
): Promise<{ id: string; state: string; failedAttempts: number }[]> {
  const ids = [
    { queue: p.incidents, id: createIncidentJobId(INSTANCE, TASK, version) },
    { queue: p.indicators, id: createIndicatorsJobId(INSTANCE, TASK, version, 0) },
  ];
  const out = [];
  for (const { queue, id } of ids) {
    const job = await waitForJob(queue, id, ['completed', 'failed']);
    const state = await job.getState();
    // BullMQ counts the successful run in attemptsMade too; failed runs are the rest.
    out.push({ id, state, failedAttempts: job.attemptsMade - (state === 'completed' ? 1 : 0) });
  }
  return out;
}

describe('pipeline under ThreatConnect faults', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline | undefined;

  afterEach(async () => {
    await p?.stop();
    p = undefined;
  });

  it('rides out a 429 storm with Retry-After without spending attempts', async () => {
    p = await startPipeline(redisUrl);
    await p.startWorkers();
    p.emulator.configure({ faults: { failNext: { count: 8, status: 429, retryAfter: 1 } } });
    const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    expect(p.emulator.state().requests.byStatus['429']).toBe(8);
    // BUG-21 scenario A: 8 x 429 then success -> completed, no failed attempt consumed.
    for (const job of await flowJobs(p)) {
      expect(job).toMatchObject({ state: 'completed', failedAttempts: 0 });
    }
    expect(outcome.associate?.attemptsMade).toBe(1);
    expect(incidentsOf(p.emulator, TASK)).toHaveLength(1);
  });

  it('rides out a 429 storm without Retry-After (jittered exponential gate)', async () => {
    p = await startPipeline(redisUrl);
    await p.startWorkers();
    p.emulator.configure({ faults: { failNext: { count: 5, status: 429, retryAfter: null } } });
    const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    expect(p.emulator.state().requests.byStatus['429']).toBe(5);
    for (const job of await flowJobs(p)) {
      expect(job).toMatchObject({ state: 'completed', failedAttempts: 0 });
    }
  });

  it('BUG-21 B: an endless throttle fails as rate_limited_too_long within the budget, pausing the queues', async () => {
    p = await startPipeline(redisUrl, {
      patch: c => (c.threatconnect.throttle.maxWaitSeconds = 3),
    });
    await p.startWorkers();
    p.emulator.configure({
      faults: { failNext: { count: 1_000_000, status: 429, retryAfter: 1 } },
    });
    await enqueue(p, fileJob(TASK, CUCKOO12));
    let paused = false;
    const watch = (async () => {
      for (let i = 0; i < 100 && !paused; i++) {
        paused =
          (await p!.incidents.getRateLimitTtl()) > 0 || (await p!.indicators.getRateLimitTtl()) > 0;
        await sleep(50);
      }
    })();
    const incident = await waitForJob(p.incidents, createIncidentJobId(INSTANCE, TASK, 'v1'), [
      'failed',
    ]);
    await watch;
    expect(incident.failedReason).toBe(RATE_LIMITED_TOO_LONG);
    expect(paused).toBe(true);
    expect(incident.finishedOn! - incident.timestamp).toBeLessThan(3_000 + 30_000);
    const root = await waitForJob(p.incidents, `associate-${INSTANCE}-${TASK}-v1`, ['failed']);
    expect(root.failedReason).toMatch(/child .* failed/);
    expect(incidentsOf(p.emulator, TASK)).toHaveLength(0);
  });

  it('retries 5xx with backoff and then delivers', async () => {
    p = await startPipeline(redisUrl);
    await p.startWorkers();
    p.emulator.configure({ faults: { failNext: { count: 3, status: 500 } } });
    const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    const attempts = (await flowJobs(p)).reduce((n, j) => n + j.failedAttempts, 0);
    expect(attempts).toBeGreaterThan(0);
    expect(incidentsOf(p.emulator, TASK)).toHaveLength(1);
  });

  it('fails at once with a clear reason on wrong credentials, creating nothing', async () => {
    p = await startPipeline(redisUrl, {
      patch: c => (c.threatconnect.secretKey = 'not-the-secret'),
    });
    await p.startWorkers();
    const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('failed');
    const incident = await waitForJob(p.incidents, createIncidentJobId(INSTANCE, TASK, 'v1'), [
      'failed',
    ]);
    expect(incident.failedReason).toMatch(
      /rejected the credentials.*HTTP 401.*fix threatconnect\./,
    );
    expect(incident.attemptsMade).toBe(1);
    expect(outcome.record?.status).toBe('failed');
    expect(outcome.record?.lastError).toMatch(/credentials/);
    expect(p.emulator.state().groups).toHaveLength(0);
    expect(p.emulator.state().indicators).toHaveLength(0);
  });

  it('records exclusion-list indicators as skipped, not failures', async () => {
    const emulator = await createEmulator({ exclusions: { addresses: ['198.51.100.20'] } });
    try {
      p = await startPipeline(redisUrl, { emulator });
      await p.startWorkers();
      const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
      expect(await outcome.associate?.getState()).toBe('completed');
      expect(outcome.record?.skipped).toEqual({ 'exclusion-list': 1 });
      expect(outcome.record?.status).toBe('delivered');
      const [group] = incidentsOf(emulator, TASK);
      expect(associatedSummaries(emulator, group!)).not.toContain('198.51.100.20');
      await p.stop();
      p = undefined;
    } finally {
      await emulator.close();
    }
  });

  it('BUG-18: a missing attribute type keeps the incident, sends the indicators and warns what to create', async () => {
    const emulator = await createEmulator({
      owners: [
        {
          name: 'Cuckoo Sandbox',
          attributeTypes: DEFAULT_ATTRIBUTE_TYPES.filter(t => t.name !== 'Analysis ID'),
        },
      ],
    });
    try {
      p = await startPipeline(redisUrl, { emulator });
      await p.startWorkers();
      const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
      expect(await outcome.associate?.getState()).toBe('completed');
      const groups = incidentsOf(emulator, TASK);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.attributes.map(a => a.type)).not.toContain('Analysis ID');
      expect(groups[0]!.associatedIndicatorIds.length).toBeGreaterThan(0);
      const incident = await waitForJob(p.incidents, createIncidentJobId(INSTANCE, TASK, 'v1'));
      // One run, no retry: the missing attribute type is not a failure.
      expect(incident.attemptsMade).toBe(1);
      expect(outcome.record?.status).toBe('delivered-with-warnings');
      expect(outcome.record?.warnings).toEqual([
        expect.stringMatching(/'Analysis ID' does not exist in owner 'Cuckoo Sandbox'.*create it/),
      ]);
      await p.stop();
      p = undefined;
    } finally {
      await emulator.close();
    }
  });

  it('BUG-18: a missing security label keeps the attribute without the label and warns', async () => {
    const emulator = await createEmulator({
      owners: [
        {
          name: 'Cuckoo Sandbox',
          securityLabels: DEFAULT_SECURITY_LABELS.filter(l => l.name !== 'DO NOT SHARE'),
        },
      ],
    });
    try {
      p = await startPipeline(redisUrl, { emulator });
      await p.startWorkers();
      const outcome = await deliver(p, fileJob(TASK, CUCKOO12));
      expect(await outcome.associate?.getState()).toBe('completed');
      const [group] = incidentsOf(emulator, TASK);
      expect(group!.attributes).toContainEqual({
        type: 'Analysis ID',
        value: '101',
        securityLabels: [],
      });
      expect(outcome.record?.warnings).toEqual([
        expect.stringMatching(/security label 'DO NOT SHARE'/),
      ]);
      await p.stop();
      p = undefined;
    } finally {
      await emulator.close();
    }
  });
});
