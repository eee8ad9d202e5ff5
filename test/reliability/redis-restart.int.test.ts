// Redis restarted mid-run: a private redis-server with AOF (appendfsync always) is stopped with
// SIGTERM twice while two real worker processes deliver generated analyses, and started again on
// the same port and directory. Nothing may be lost: every analysis ends with exactly one incident
// and its complete association set, nothing failed, and the same worker processes (never
// restarted) pick up analyses enqueued after the restarts by themselves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { startRedisServer, type TestRedis } from '@cuckoo-tc/testing';
import { enqueue, fileJob, sleep, startPipeline, type Pipeline } from '../pipeline/harness.js';
import { writeGoodReports, type GeneratedReport } from './good-reports.js';
import {
  attemptFigures,
  expectExactlyOnce,
  expectedSummaries,
  queueCounts,
  spawnWorker,
  stopWorker,
  waitForDrain,
  type WorkerProcess,
} from './reliability-harness.js';

const BEFORE = 120;
const AFTER = 40;
const RESTARTS = 2;
const DOWN_MS = 3_000;
const AOF = ['--appendonly', 'yes', '--appendfsync', 'always'];

describe('Redis restart mid-run', () => {
  let redisDir: string;
  let reportDir: string;
  let redis: TestRedis & { port: number };
  let emulator: Emulator;
  let p: Pipeline;
  let reports: GeneratedReport[];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redisDir = await mkdtemp(path.join(tmpdir(), 'redis-aof-'));
    reportDir = await mkdtemp(path.join(tmpdir(), 'redis-restart-'));
    redis = await startRedisServer({ args: AOF, dir: redisDir });
    emulator = await createEmulator({ faults: { latencyMs: 25 } });
    p = await startPipeline(redis.url, { emulator });
    // The test's own connection sees the outage too; it reconnects by itself, so say it once.
    let reported = false;
    p.redis.on('error', (err: Error) => {
      if (!reported) {
        reported = true;
        console.log(`test connection lost Redis as expected: ${err.message}`);
      }
    });
    reports = await writeGoodReports(reportDir, 7_000, BEFORE + AFTER, 7);
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await p?.stop();
    await emulator?.close();
    await redis?.stop();
    await rm(redisDir, { recursive: true, force: true });
    await rm(reportDir, { recursive: true, force: true });
  });

  /** Waits (bounded) until at least `n` parse jobs completed. */
  async function parsed(n: number): Promise<number> {
    for (let i = 0; i < 600; i++) {
      const done = (await queueCounts(p)).parse?.completed ?? 0;
      if (done >= n) {
        return done;
      }
      await sleep(100);
    }
    throw new Error(`fewer than ${n} parse jobs completed within 60 s`);
  }

  it(`${RESTARTS} Redis restarts (SIGTERM, ${DOWN_MS} ms down, same port and AOF dir): nothing lost, workers resume`, async () => {
    workers.push(spawnWorker(p, redis.url), spawnWorker(p, redis.url));
    for (const r of reports.slice(0, BEFORE)) {
      await enqueue(p, fileJob(r.taskId, r.file));
    }
    const parsedAtStop: number[] = [];
    for (let k = 0; k < RESTARTS; k++) {
      parsedAtStop.push(await parsed(Math.round((BEFORE * (k + 1)) / (RESTARTS + 2))));
      await redis.stop();
      await sleep(DOWN_MS);
      redis = await startRedisServer({ port: redis.port, dir: redisDir, args: AOF });
    }
    for (const r of reports.slice(BEFORE)) {
      await enqueue(p, fileJob(r.taskId, r.file));
    }
    const counts = await waitForDrain(p, BEFORE + AFTER, 180_000);
    const figures = await expectExactlyOnce(p, await expectedSummaries(p.config, reports));
    const attempts = await attemptFigures(p);
    console.log(
      JSON.stringify({
        suite: 'redis-restart',
        restarts: RESTARTS,
        downMs: DOWN_MS,
        parsedAtStop,
        requests: emulator.state().requests,
        counts,
        ...figures,
        ...attempts,
      }),
    );
    // Some of the work was really left when Redis went away, and the same processes finished it.
    expect(parsedAtStop[0]).toBeLessThan(BEFORE);
    for (const w of workers) {
      expect(w.child.exitCode, w.output()).toBeNull();
    }
  }, 360_000);
});
