// Real worker processes (`cuckoo-tc worker`, run from source): a worker SIGKILLed in the middle
// of a flow and a fresh one started still deliver exactly one incident with the complete
// association set; SIGTERM stops a worker cleanly; a second analysis keeps flowing meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { associateJobId } from '@cuckoo-tc/queues';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import {
  INSTANCE,
  associatedSummaries,
  enqueue,
  fileJob,
  incidentsOf,
  sleep,
  startPipeline,
  waitForJob,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');

function spawnWorker(
  p: Pipeline,
  emulator: Emulator,
): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let output = '';
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(here, 'fixtures', 'worker-process.ts')],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        REDIS_URL: inject('redisUrl'),
        CUCKOO_TC_REDIS_PREFIX: p.prefix,
        TC_API_URL: emulator.url,
        TC_ACCESS_ID: DEFAULT_USER.accessId,
        TC_SECRET_KEY: DEFAULT_USER.secretKey,
        TC_OWNER: DEFAULT_USER.defaultOwner,
        CUCKOO_INSTANCE: INSTANCE,
        CUCKOO_TC_TREAT_AS_PUBLIC: '198.51.100.0/24,203.0.113.0/24',
        CUCKOO_TC_METRICS_ENABLED: 'false',
        TC_RETRY_BASE_DELAY_MS: '100',
        TC_REQUESTS_PER_SECOND: '500',
        CUCKOO_TC_SHUTDOWN_TIMEOUT_SECONDS: '5',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(50);
  }
}

describe('worker processes', () => {
  const redisUrl = inject('redisUrl');
  let emulator: Emulator;
  let p: Pipeline;
  let reference: string[];

  beforeAll(async () => {
    // Latency stretches a flow over seconds so a kill lands in its middle.
    emulator = await createEmulator({ faults: { latencyMs: 150 } });
    p = await startPipeline(redisUrl, { emulator });
  });
  afterAll(async () => {
    await p?.stop();
    await emulator?.close();
  });

  it('a worker SIGTERMed stops cleanly after finishing its work', async () => {
    const worker = spawnWorker(p, emulator);
    await enqueue(p, fileJob(1, CUCKOO12));
    await waitForJob(p.incidents, associateJobId(INSTANCE, 1, 'v1'), ['completed'], 60_000);
    reference = associatedSummaries(emulator, incidentsOf(emulator, 1)[0]!);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('worker stopped');
    expect(worker.output()).toMatch(/"analysisId":"lab-1".*"jobId":"associate-lab-1-v1"/);
  }, 90_000);

  it('SIGKILL mid-flow, then a new worker: one incident, complete associations', async () => {
    const first = spawnWorker(p, emulator);
    const before = emulator.state().requests.total;
    await enqueue(p, fileJob(2, CUCKOO12));
    // Kill once ThreatConnect has seen part of this analysis' calls.
    await until(() => emulator.state().requests.total >= before + 3, 60_000, 'first calls');
    first.child.kill('SIGKILL');
    await first.exited;
    const second = spawnWorker(p, emulator);
    try {
      // Jobs the dead worker held come back through the stall check (lock expiry, ~30-60 s).
      await waitForJob(p.incidents, associateJobId(INSTANCE, 2, 'v1'), ['completed'], 150_000);
      const groups = incidentsOf(emulator, 2);
      expect(groups).toHaveLength(1);
      expect(associatedSummaries(emulator, groups[0]!)).toEqual(reference);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 200_000);
});
