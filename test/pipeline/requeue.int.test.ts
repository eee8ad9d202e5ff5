// The operator's story with the real workers and emulator: an analysis fails for good (wrong
// ThreatConnect secret), the operator fixes the configuration, `cuckoo-tc requeue --analysis`
// brings back the whole flow with its attempts reset, and `cuckoo-tc status --analysis` shows
// it delivered: one incident with every indicator associated.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { runCli } from '@cuckoo-tc/cli';
import { DEFAULT_USER } from '@cuckoo-tc/tc-emulator';
import {
  INSTANCE,
  associateJobId,
  associatedSummaries,
  deliver,
  fileJob,
  incidentsOf,
  startPipeline,
  waitForJob,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');
const TASK = 131;

async function cli(p: Pipeline, argv: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.resume();
  const code = await runCli([...argv, '--set', `redis.prefix=${p.prefix}`], {
    env: {
      REDIS_URL: inject('redisUrl'),
      TC_ACCESS_ID: DEFAULT_USER.accessId,
      CUCKOO_INSTANCE: INSTANCE,
    },
    stdout,
    stderr,
  });
  return { code, stdout: Buffer.concat(out).toString() };
}

describe('requeue and status against the real pipeline', () => {
  let p: Pipeline | undefined;

  afterEach(async () => {
    await p?.stop();
    p = undefined;
  });

  it('delivers a failed analysis after the fix and a requeue', async () => {
    p = await startPipeline(inject('redisUrl'), {
      patch: c => (c.threatconnect.secretKey = 'not-the-secret'),
    });
    await p.startWorkers();
    const failed = await deliver(p, fileJob(TASK, CUCKOO12));
    expect(await failed.associate?.getState()).toBe('failed');
    expect(failed.record?.status).toBe('failed');
    await p.workers?.close();
    p.workers = null;

    const dryRun = JSON.parse(
      (await cli(p, ['requeue', '--analysis', String(TASK), '--dry-run', '--json'])).stdout,
    );
    const roles = dryRun.jobs.map(
      (job: { role: string; name: string }) => `${job.role}:${job.name}`,
    );
    expect(roles).toContain('child:create-incident');
    expect(roles).toContain('parent:associate');
    expect(incidentsOf(p.emulator, TASK)).toHaveLength(0);

    p.config.threatconnect.secretKey = DEFAULT_USER.secretKey;
    const requeued = await cli(p, ['requeue', '--analysis', String(TASK), '--json']);
    expect(requeued.code).toBe(0);
    expect(JSON.parse(requeued.stdout).counts).toEqual({
      moved: dryRun.counts.wouldMove,
      skipped: dryRun.counts.skipped,
    });
    await p.startWorkers();
    const root = await waitForJob(p.incidents, associateJobId(INSTANCE, TASK, 'v1'), ['completed']);
    expect(root.attemptsMade).toBe(1);

    const [incident, ...more] = incidentsOf(p.emulator, TASK);
    expect(more).toEqual([]);
    const status = await cli(p, ['status', '--analysis', String(TASK), '--json']);
    expect(status.code).toBe(0);
    const { analysis } = JSON.parse(status.stdout);
    expect(analysis.status).toMatch(/^delivered/);
    expect(analysis.incident.id).toBe(incident?.id);
    expect(analysis.indicators.associated).toBe(associatedSummaries(p.emulator, incident!).length);
    expect(analysis.indicators.associated).toBeGreaterThan(0);
    expect(analysis.jobs.every((job: { state: string }) => job.state === 'completed')).toBe(true);
  });
});
