// Producer to delivery: the storage scan finds a report, the workers deliver it, a restarted
// producer adds nothing, and a report rewritten by reprocessing is delivered again into the SAME
// incident (one incident per analysis, whatever the report version).
import { copyFile, mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProducer, producerOptionsFromConfig, silentLogger } from '@cuckoo-tc/producer';
import { createRedisConnection } from '@cuckoo-tc/queues';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associatedSummaries,
  incidentsOf,
  sleep,
  startPipeline,
  waitForJob,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TASK = 31;

describe('producer to ThreatConnect', () => {
  let p: Pipeline;
  let storage: string;
  let report: string;
  const redis = createRedisConnection({ url: inject('redisUrl'), role: 'producer' });

  beforeAll(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'cuckoo-storage-'));
    const dir = path.join(storage, 'analyses', String(TASK), 'reports');
    await mkdir(dir, { recursive: true });
    report = path.join(dir, 'report.json');
    await copyFile(path.join(here, 'fixtures', 'cuckoo12-example.json'), report);
    await utimes(report, 1_600_000_000, 1_600_000_000);
    p = await startPipeline(inject('redisUrl'), {
      patch: c => {
        c.cuckoo.storageDir = storage;
        c.producer.sources = ['storage'];
        c.producer.settleSeconds = 0;
        c.producer.scanIntervalSeconds = 1;
      },
    });
    await p.startWorkers();
  });

  afterAll(async () => {
    await p.stop();
    redis.disconnect();
    await rm(storage, { recursive: true, force: true });
  });

  async function runProducerUntil(parseJobs: number): Promise<string[]> {
    const producer = await createProducer(
      producerOptionsFromConfig(p.config, { redis, logger: silentLogger }),
    );
    try {
      for (let i = 0; i < 300; i += 1) {
        const ids = (await p.parse.getJobs(['wait', 'active', 'completed', 'failed'])).map(
          j => j.id ?? '',
        );
        if (ids.length >= parseJobs) {
          return ids.sort();
        }
        await sleep(100);
      }
      throw new Error(`fewer than ${parseJobs} parse jobs after 30 s`);
    } finally {
      await producer.close();
    }
  }

  async function delivered(parseJobId: string): Promise<void> {
    const parse = await waitForJob(p.parse, parseJobId);
    expect(await parse.getState(), parse.failedReason).toBe('completed');
    const root = await waitForJob(p.incidents, parse.returnvalue.flowJobId as string);
    expect(await root.getState(), root.failedReason).toBe('completed');
  }

  it('delivers a scanned report once, survives a restart, and re-delivers a rewrite into the same incident', async () => {
    const [first] = await runProducerUntil(1);
    await delivered(first!);
    const groups = incidentsOf(p.emulator, TASK);
    expect(groups).toHaveLength(1);
    const associated = associatedSummaries(p.emulator, groups[0]!);
    expect(associated.length).toBeGreaterThan(0);

    // A restarted producer sees the same version and adds nothing: give it a few scans.
    const producer = await createProducer(
      producerOptionsFromConfig(p.config, { redis, logger: silentLogger }),
    );
    await sleep(2_500);
    await producer.close();
    expect((await p.parse.getJobs(['wait', 'active', 'completed', 'failed'])).length).toBe(1);

    // Reprocessing rewrites report.json in place: a new version, a new parse job...
    await utimes(report, 1_600_000_500, 1_600_000_500);
    const ids = await runProducerUntil(2);
    const second = ids.find(id => id !== first)!;
    await delivered(second);
    // ...and still one incident with the same associations.
    const after = incidentsOf(p.emulator, TASK);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(groups[0]!.id);
    expect(associatedSummaries(p.emulator, after[0]!)).toEqual(associated);
  });
});
