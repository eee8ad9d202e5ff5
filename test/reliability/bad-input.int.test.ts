// The bad-input corpus through the real workers, interleaved with good analyses. Damaged bytes
// fail the parse job at once with one line naming the problem and its byte offset, are never
// retried and create nothing; wrong types in used fields are delivered with warnings and send
// nothing that was not in the undamaged report; the good analyses around them are delivered.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analysisXid } from '@cuckoo-tc/indicators';
import { parseJobId } from '@cuckoo-tc/queues';
import { readDeliveryRecord } from '@cuckoo-tc/worker';
import { INSTANCE, enqueue, fileJob, startPipeline, type Pipeline } from '../pipeline/harness.js';
import { CORPUS_MAX_REPORT_BYTES, badReportCorpus, type BadReport } from './bad-reports.js';
import {
  goodReport,
  seededRandom,
  writeGoodReports,
  type GeneratedReport,
} from './good-reports.js';
import { expectExactlyOnce, expectedSummaries, waitForDrain } from './reliability-harness.js';

const FIRST_BAD = 8_000;
const GOOD = 24;

describe('bad input corpus', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline;
  let dir: string;
  let good: GeneratedReport[];
  let bad: (BadReport & { file: string })[];

  beforeAll(async () => {
    p = await startPipeline(redisUrl, {
      patch: c => (c.cuckoo.maxReportBytes = CORPUS_MAX_REPORT_BYTES),
    });
    dir = await mkdtemp(path.join(tmpdir(), 'bad-input-'));
    good = await writeGoodReports(dir, 9_000, GOOD, 17);
    bad = [];
    for (const c of badReportCorpus(FIRST_BAD)) {
      const file = path.join(
        dir,
        'storage',
        'analyses',
        String(c.taskId),
        'reports',
        'report.json',
      );
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, c.bytes);
      bad.push({ ...c, file });
    }
    await p.startWorkers();
  });
  afterAll(async () => {
    await p?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails damaged reports at once with their byte offset, warns on wrong types, delivers the good ones', async () => {
    const failing = bad.filter(c => c.expect.kind === 'fail');
    const warned = bad.filter(c => c.expect.kind === 'deliver');
    expect(failing.length).toBeGreaterThanOrEqual(30);
    // Interleave: good, bad, bad, good, ... so good analyses run beside failing ones.
    const order = [...bad.map(c => ({ taskId: c.taskId, file: c.file }))];
    good.forEach((g, i) => order.splice(i * 3, 0, { taskId: g.taskId, file: g.file }));
    for (const a of order) {
      await enqueue(p, fileJob(a.taskId, a.file));
    }
    await waitForDrain(p, order.length, 180_000);

    const problems: string[] = [];
    for (const c of failing) {
      const expectation = c.expect as Extract<BadReport['expect'], { kind: 'fail' }>;
      const job = await Job.fromId(p.parse as never, parseJobId(INSTANCE, c.taskId, 'v1'));
      const state = await job?.getState();
      const reason = job?.failedReason ?? '';
      const where = expectation.offset === null ? '' : `at byte ${expectation.offset}`;
      const ok =
        state === 'failed' &&
        job?.attemptsMade === 1 &&
        !reason.includes('\n') &&
        reason.startsWith(`bad report ${c.file}: `) &&
        expectation.reason.test(reason) &&
        (where === '' || reason.includes(where)) &&
        p.emulator.state().groups.every(g => g.xid !== analysisXid(INSTANCE, c.taskId));
      const record = await readDeliveryRecord(p.redis, {
        prefix: p.prefix,
        instance: INSTANCE,
        taskId: c.taskId,
      });
      if (!ok || record?.status !== 'failed') {
        problems.push(
          `${c.name}: ${state} after ${job?.attemptsMade} attempts, record ${record?.status}: ${reason}`,
        );
      }
    }
    expect(problems).toEqual([]);

    // Good and wrongly typed analyses: exactly once, exactly what the dry run decides.
    const delivered = [...good, ...warned];
    const expected = await expectedSummaries(p.config, delivered);
    const figures = await expectExactlyOnce(p, expected, {
      failedJobs: failing.length,
      withWarnings: new Set(
        warned.filter(c => c.expect.kind === 'deliver' && c.expect.warning).map(c => c.taskId),
      ),
    });
    for (const c of warned) {
      const expectation = c.expect as Extract<BadReport['expect'], { kind: 'deliver' }>;
      const record = await readDeliveryRecord(p.redis, {
        prefix: p.prefix,
        instance: INSTANCE,
        taskId: c.taskId,
      });
      const warnings = record?.warnings ?? [];
      expect(warnings.length > 0, c.name).toBe(expectation.warning !== null);
      for (const w of warnings) {
        expect(w, c.name).toMatch(expectation.warning ?? /^$/);
      }
      // Nothing bogus: only values the undamaged report would send as well.
      const undamaged = path.join(dir, 'undamaged', `${c.taskId}.json`);
      await mkdir(path.dirname(undamaged), { recursive: true });
      await writeFile(undamaged, JSON.stringify(goodReport(c.taskId, seededRandom(c.taskId))));
      const allowed = (
        await expectedSummaries(p.config, [{ taskId: c.taskId, file: undamaged }])
      ).get(c.taskId)!;
      for (const summary of expected.get(c.taskId) ?? []) {
        expect(allowed, `${c.name} sent ${summary}`).toContain(summary);
      }
    }
    // Nothing in ThreatConnect that no delivered analysis asked for.
    const wanted = new Set([...expected.values()].flat());
    const stray = p.emulator
      .state()
      .indicators.map(i => (i.type === 'File' ? i.summary.toLowerCase() : i.summary))
      .filter(s => !wanted.has(s));
    expect(stray).toEqual([]);
    console.log(
      JSON.stringify({
        suite: 'bad-input',
        failingCases: failing.length,
        warnedCases: warned.length,
        good: good.length,
        ...figures,
      }),
    );
  });
});
