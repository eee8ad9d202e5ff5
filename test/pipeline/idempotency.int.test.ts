// At-least-once jobs, exactly-once effects: the same analysis enqueued three times, under other
// report versions, and a completed delivery requeued, still give one incident with the same
// associations.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { associateJobId, parseJobId } from '@cuckoo-tc/queues';
import {
  INSTANCE,
  associatedSummaries,
  deliver,
  enqueue,
  fileJob,
  incidentsOf,
  startPipeline,
  waitForJob,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');

describe('pipeline idempotency', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline;
  let reference: string[];

  beforeAll(async () => {
    p = await startPipeline(redisUrl);
    await p.startWorkers();
    // The association set of one clean delivery, under another task id.
    await deliver(p, fileJob(1, CUCKOO12));
    reference = associatedSummaries(p.emulator, incidentsOf(p.emulator, 1)[0]!);
    expect(reference.length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('one incident when the same analysis is enqueued three times at once', async () => {
    const payload = fileJob(2, CUCKOO12);
    await Promise.all([enqueue(p, payload), enqueue(p, payload), enqueue(p, payload)]);
    expect(await p.parse.getJobCountByTypes('wait', 'active', 'completed')).toBe(2);
    await waitForJob(p.incidents, associateJobId(INSTANCE, 2, 'v1'), ['completed']);
    const groups = incidentsOf(p.emulator, 2);
    expect(groups).toHaveLength(1);
    expect(associatedSummaries(p.emulator, groups[0]!)).toEqual(reference);
  });

  it('one incident when three report versions of one analysis race', async () => {
    await Promise.all(['va', 'vb', 'vc'].map(v => deliver(p, fileJob(3, CUCKOO12, v))));
    const groups = incidentsOf(p.emulator, 3);
    expect(groups).toHaveLength(1);
    expect(associatedSummaries(p.emulator, groups[0]!)).toEqual(reference);
  });

  it('a completed delivery requeued (parse and flow root) changes nothing', async () => {
    const first = await deliver(p, fileJob(4, CUCKOO12));
    const before = p.emulator.state();
    await first.parse.retry('completed', { resetAttemptsMade: true });
    await waitForJob(p.parse, parseJobId(INSTANCE, 4, 'v1'), ['completed']);
    await first.associate!.retry('completed', { resetAttemptsMade: true });
    await waitForJob(p.incidents, associateJobId(INSTANCE, 4, 'v1'), ['completed']);
    const after = p.emulator.state();
    expect(incidentsOf(p.emulator, 4)).toHaveLength(1);
    expect(associatedSummaries(p.emulator, incidentsOf(p.emulator, 4)[0]!)).toEqual(reference);
    expect(after.groups.length).toBe(before.groups.length);
    expect(after.indicators.length).toBe(before.indicators.length);
  });
});
