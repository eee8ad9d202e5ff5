import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from './__fixtures__/harness.js';
import {
  stamp,
  startSandboxStandIn,
  type SandboxStandIn,
} from './__fixtures__/sandbox-stand-in.js';
import { ApiPoller } from './api-poller.js';
import { isSandboxApiError } from './errors.js';
import { StorageScanner } from './storage-scanner.js';

const T0 = 1_700_000_000;

describe.each(['cuckoo', 'cape'] as const)('ApiPoller against a %s-shaped API', flavour => {
  let h: Harness;
  let sandbox: SandboxStandIn;
  const auth = flavour === 'cape' ? 'Token t0ken' : 'Bearer t0ken';

  beforeEach(async () => {
    h = await createHarness(inject('redisUrl'));
    sandbox = await startSandboxStandIn(flavour, auth);
  });

  afterEach(async () => {
    await sandbox.close();
    await h.cleanup();
  });

  function setTask(id: number, status: string, completedAt: number | null): void {
    sandbox.tasks.set(id, {
      id,
      status,
      completed_on: completedAt === null ? null : stamp(completedAt),
    });
  }

  async function poller() {
    const tools = await h.tools({
      api: { baseUrl: sandbox.url, flavour, token: 't0ken' },
      storageDir: null,
    });
    return {
      tools,
      poller: new ApiPoller({
        api: tools.api!,
        enqueuer: tools.enqueuer,
        progress: tools.progress,
        resolver: tools.resolver,
        pageSize: 2,
        lookbackSeconds: 3600,
        logger: h.logger,
      }),
    };
  }

  const taskIdsOf = (jobIds: string[]): number[] =>
    jobIds.map(id => Number(/^parse-sandbox01-(\d+)-/.exec(id)?.[1])).sort((a, b) => a - b);

  it('enqueues reported tasks, and the cursor waits for a slow task without skipping it', async () => {
    setTask(1, 'reported', T0);
    setTask(2, 'running', null);
    setTask(3, 'reported', T0 + 60);
    setTask(4, 'reported', T0 + 120);
    setTask(5, 'reported', T0 + 180);
    const { tools, poller: p } = await poller();
    await p.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1, 3, 4, 5]);
    expect(await tools.progress.pollState()).toMatchObject({ cursor: 1, maxSeen: 5 });
    const job = await tools.parse.getJob((await h.parseJobIds())[0]!);
    expect(job?.data.report).toEqual({ kind: 'api', flavour, baseUrl: sandbox.url, taskId: 1 });

    // Task 2 reports late, with a completed_on far outside the list window: only the id
    // cursor can find it.
    setTask(6, 'reported', T0 + 7200 * 5);
    await p.poll();
    setTask(2, 'reported', T0 - 86_400);
    await p.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await tools.progress.pollState()).cursor).toBe(6);
  });

  it('moves past tasks that ended without a report, and never enqueues twice across restarts', async () => {
    setTask(1, 'reported', T0);
    setTask(2, 'failed_analysis', T0 + 10);
    setTask(4, 'reported', T0 + 20);
    const first = await poller();
    await first.poller.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1, 4]);
    // Task 3 was deleted from the sandbox: it answers "not found".
    expect((await first.tools.progress.pollState()).cursor).toBe(4);

    const second = await poller();
    await second.poller.poll();
    await second.poller.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1, 4]);
  });

  it('keeps its cursor when the API fails, and catches up afterwards', async () => {
    setTask(1, 'reported', T0);
    const { tools, poller: p } = await poller();
    sandbox.failWith = 500;
    const failure = await p.poll().catch((err: unknown) => err);
    expect(isSandboxApiError(failure)).toBe(true);
    expect(await tools.progress.pollState()).toMatchObject({ cursor: 0, maxSeen: 0 });
    sandbox.failWith = null;
    await p.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1]);
  });

  it('sends the token the sandbox expects', async () => {
    setTask(1, 'reported', T0);
    const tools = await h.tools({
      api: { baseUrl: sandbox.url, flavour, token: 'wrong' },
      storageDir: null,
    });
    const p = new ApiPoller({
      api: tools.api!,
      enqueuer: tools.enqueuer,
      progress: tools.progress,
      resolver: tools.resolver,
      logger: h.logger,
    });
    const failure = await p.poll().catch((err: unknown) => err);
    expect((failure as { status?: number }).status).toBe(401);
  });

  it('points at the storage file when it holds the report, so the storage scan adds nothing more', async () => {
    setTask(1, 'reported', T0);
    await h.writeReport(1, undefined, 1_600_000_000);
    const tools = await h.tools({ api: { baseUrl: sandbox.url, flavour, token: 't0ken' } });
    const options = {
      enqueuer: tools.enqueuer,
      progress: tools.progress,
      resolver: tools.resolver,
    };
    await new ApiPoller({ ...options, api: tools.api!, logger: h.logger }).poll();
    const [jobId] = await h.parseJobIds();
    expect((await tools.parse.getJob(jobId!))?.data.report.kind).toBe('file');
    const scanner = new StorageScanner({
      storageDir: h.storageDir,
      enqueuer: tools.enqueuer,
      settleMs: 0,
      logger: h.logger,
    });
    await scanner.scan();
    await scanner.scan();
    expect(await h.parseJobIds()).toEqual([jobId]);
  });

  it('resumes a listing cut short by maxPages instead of re-reading its first pages', async () => {
    for (let id = 1; id <= 9; id += 1) {
      setTask(id, 'reported', T0 + id * 60);
    }
    const tools = await h.tools({
      api: { baseUrl: sandbox.url, flavour, token: 't0ken' },
      storageDir: null,
    });
    const poller = new ApiPoller({
      api: tools.api!,
      enqueuer: tools.enqueuer,
      progress: tools.progress,
      resolver: tools.resolver,
      pageSize: 2,
      maxPages: 2,
      logger: h.logger,
    });
    await poller.poll();
    expect(await tools.progress.pollState()).toMatchObject({ resumeOffset: 4 });
    await poller.poll();
    await poller.poll();
    expect(taskIdsOf(await h.parseJobIds())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await tools.progress.pollState()).resumeOffset).toBe(0);
  });

  it('does not pass an unfinished task the API refuses to show (only "not found" is final)', async () => {
    setTask(1, 'running', null);
    setTask(2, 'reported', T0);
    const { tools, poller: p } = await poller();
    sandbox.viewRefusal = flavour === 'cape' ? 'Too many requests' : null;
    sandbox.failWith = null;
    const outcome = await p.poll().catch((err: unknown) => err);
    if (flavour === 'cape') {
      expect(isSandboxApiError(outcome)).toBe(true);
    }
    sandbox.viewRefusal = null;
    await p.poll();
    expect((await tools.progress.pollState()).cursor).toBe(0);
    expect(taskIdsOf(await h.parseJobIds())).toEqual([2]);
  });
});
