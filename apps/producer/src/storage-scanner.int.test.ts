import { appendFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { addStorageNoise, createHarness, REPORT, type Harness } from './__fixtures__/harness.js';
import { StorageScanner, type StorageScannerOptions } from './storage-scanner.js';

describe('StorageScanner (storage directory source)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness(inject('redisUrl'));
  });

  afterEach(async () => {
    await h.cleanup();
  });

  async function scanner(
    options: Partial<
      Pick<
        StorageScannerOptions,
        'settleMs' | 'incompleteGraceMs' | 'minTaskId' | 'intervalMs' | 'clock'
      >
    > = {},
  ) {
    const tools = await h.tools();
    return new StorageScanner({
      storageDir: h.storageDir,
      enqueuer: tools.enqueuer,
      settleMs: 1000,
      clock: h.clock.tick,
      logger: h.logger,
      ...options,
    });
  }

  it('enqueues stable reports once, ignoring latest, other directories and missing reports', async () => {
    await h.writeReport(1, REPORT(1), 1_600_000_000);
    await h.writeReport(2, REPORT(2), 1_600_000_100);
    await addStorageNoise(h.storageDir, 2);
    const scan = await scanner();
    await scan.scan();
    expect(await h.parseJobIds()).toEqual([]);
    h.clock.now += 1000;
    await scan.scan();
    const ids = await h.parseJobIds();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^parse-sandbox01-1-v[0-9a-f]{8}$/);
    expect(ids[1]).toMatch(/^parse-sandbox01-2-v[0-9a-f]{8}$/);
    h.clock.now += 5000;
    await scan.scan();
    expect(await h.parseJobIds()).toEqual(ids);
    const job = await (await h.tools()).parse.getJob(ids[0]!);
    expect(job?.data).toMatchObject({
      instance: 'sandbox01',
      taskId: 1,
      trigger: 'scan',
      report: { kind: 'file', path: expect.stringMatching(/analyses\/1\/reports\/report\.json$/) },
    });
  });

  it('waits while a report is still being written', async () => {
    const file = await h.writeReport(
      3,
      '{"info": {"id": 3}, "network": {"hosts": [',
      1_600_000_000,
    );
    const scan = await scanner();
    await scan.scan();
    h.clock.now += 1000;
    await appendFile(file, '"203.0.113.5"');
    await scan.scan();
    h.clock.now += 1000;
    await scan.scan();
    expect(await h.parseJobIds()).toEqual([]);
    await appendFile(file, ']}}\n');
    await scan.scan();
    h.clock.now += 1000;
    await scan.scan();
    expect(await h.parseJobIds()).toHaveLength(1);
  });

  it('enqueues a stable but truncated report after the grace time, with a warning', async () => {
    await h.writeReport(4, '{"info": {"id": 4}, "beh', 1_600_000_000);
    const scan = await scanner({ incompleteGraceMs: 60_000 });
    await scan.scan();
    h.clock.now += 30_000;
    await scan.scan();
    expect(await h.parseJobIds()).toEqual([]);
    h.clock.now += 30_000;
    await scan.scan();
    expect(await h.parseJobIds()).toHaveLength(1);
    expect(h.warnings.join('\n')).toContain('does not end like JSON');
  });

  it('survives a restart without enqueueing twice, and enqueues a rewritten report as a new version', async () => {
    await h.writeReport(5, REPORT(5), 1_600_000_000);
    const first = await scanner();
    await first.scan();
    h.clock.now += 1000;
    await first.scan();
    const before = await h.parseJobIds();
    expect(before).toHaveLength(1);

    // A new process: nothing in memory, everything in Redis.
    const second = await scanner();
    await second.scan();
    h.clock.now += 1000;
    await second.scan();
    expect(await h.parseJobIds()).toEqual(before);

    // Reprocessing rewrites report.json in place.
    await h.writeReport(5, `${REPORT(5)} `, 1_600_000_500);
    await second.scan();
    h.clock.now += 1000;
    await second.scan();
    const after = await h.parseJobIds();
    expect(after).toHaveLength(2);
    expect(after.filter(id => id.startsWith('parse-sandbox01-5-v'))).toHaveLength(2);
  });

  it('ignores task ids below minTaskId', async () => {
    await h.writeReport(6, REPORT(6), 1_600_000_000);
    await h.writeReport(60, REPORT(60), 1_600_000_000);
    const scan = await scanner({ minTaskId: 10 });
    await scan.scan();
    h.clock.now += 1000;
    await scan.scan();
    const ids = await h.parseJobIds();
    expect(ids).toHaveLength(1);
    expect(ids[0]).toContain('-60-');
  });

  it('scans periodically once started, and stops cleanly', async () => {
    await h.writeReport(7, REPORT(7), 1_600_000_000);
    const scan = await scanner({ settleMs: 0, intervalMs: 20, clock: Date.now });
    scan.start();
    for (let i = 0; i < 250 && (await h.parseJobIds()).length === 0; i += 1) {
      await new Promise(r => setTimeout(r, 20));
    }
    await scan.stop();
    expect(await h.parseJobIds()).toHaveLength(1);
  });

  it('after a restart, knows from Redis what is enqueued and does not go through the enqueuer again', async () => {
    await h.writeReport(8, REPORT(8), 1_600_000_000);
    const first = await scanner();
    await first.scan();
    h.clock.now += 1000;
    await first.scan();
    expect(await h.parseJobIds()).toHaveLength(1);

    const tools = await h.tools();
    let calls = 0;
    const enqueuer = Object.create(tools.enqueuer) as typeof tools.enqueuer;
    enqueuer.enqueue = async (...args) => {
      calls += 1;
      return tools.enqueuer.enqueue(...args);
    };
    const restarted = new StorageScanner({
      storageDir: h.storageDir,
      enqueuer,
      progress: tools.progress,
      settleMs: 1000,
      clock: h.clock.tick,
      logger: h.logger,
    });
    await restarted.scan();
    h.clock.now += 1000;
    await restarted.scan();
    expect(calls).toBe(0);
  });
});
