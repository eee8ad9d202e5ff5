// SIGKILL chaos: three real `cuckoo-tc worker` processes deliver a few hundred generated analyses
// while random workers are SIGKILLed mid-run and started again. Afterwards the emulator must hold
// exactly one incident per analysis with exactly the association set the dry run decides, no
// indicator twice, and no job may be left failed. Bounded: a fixed number of kills and a hard
// deadline for the drain. CHAOS_SEED replays a run (the seed is printed).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { enqueue, fileJob, sleep, startPipeline, type Pipeline } from '../pipeline/harness.js';
import { seededRandom, writeGoodReports, type GeneratedReport } from './good-reports.js';
import {
  attemptFigures,
  expectExactlyOnce,
  expectedSummaries,
  killHard,
  queueCounts,
  spawnWorker,
  stopWorker,
  waitForDrain,
  type WorkerProcess,
} from './reliability-harness.js';

const ANALYSES = 300;
const WORKERS = 3;
const KILLS = 10;
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);

describe('SIGKILL chaos', () => {
  const redisUrl = inject('redisUrl');
  let emulator: Emulator;
  let p: Pipeline;
  let dir: string;
  let reports: GeneratedReport[];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // Latency keeps many calls in flight, so kills land between a write and its bookkeeping.
    emulator = await createEmulator({ faults: { latencyMs: 25 } });
    p = await startPipeline(redisUrl, { emulator });
    dir = await mkdtemp(path.join(tmpdir(), 'chaos-'));
    reports = await writeGoodReports(dir, 5_000, ANALYSES, SEED);
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await p?.stop();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`${ANALYSES} analyses, ${WORKERS} worker processes, ${KILLS} random SIGKILLs: exactly-once effects`, async () => {
    console.log(`sigkill-chaos seed ${SEED} (CHAOS_SEED=${SEED} replays it)`);
    const random = seededRandom(SEED);
    for (let k = 0; k < WORKERS; k++) {
      workers.push(spawnWorker(p, redisUrl));
    }
    for (const r of reports) {
      await enqueue(p, fileJob(r.taskId, r.file));
    }
    let kills = 0;
    let midRun = 0;
    while (kills < KILLS) {
      await sleep(1_000 + random() * 2_000);
      const counts = await queueCounts(p);
      const parse = counts.parse ?? {};
      const busy = (parse.completed ?? 0) + (parse.failed ?? 0) < ANALYSES;
      const victim = Math.floor(random() * WORKERS);
      await killHard(workers[victim]!);
      workers[victim] = spawnWorker(p, redisUrl);
      kills++;
      const inFlight = Object.values(counts).some(c => (c.active ?? 0) > 0);
      midRun += busy || inFlight ? 1 : 0;
    }
    const started = Date.now();
    const finalCounts = await waitForDrain(p, ANALYSES, 240_000);
    const figures = await expectExactlyOnce(p, await expectedSummaries(p.config, reports));
    const attempts = await attemptFigures(p);
    console.log(
      JSON.stringify({
        suite: 'sigkill-chaos',
        seed: SEED,
        workers: WORKERS,
        kills,
        killsWithWorkInFlight: midRun,
        drainAfterLastKillMs: Date.now() - started,
        requests: emulator.state().requests,
        finalCounts,
        ...figures,
        ...attempts,
      }),
    );
    // The suite proves nothing unless the kills hit work in flight: jobs taken from dead workers.
    expect(midRun).toBeGreaterThanOrEqual(3);
    expect(attempts.stalledJobs).toBeGreaterThan(0);
  }, 420_000);
});
