import { Job } from 'bullmq';
import type { QueueName } from './catalog.js';
import { mapInBatches } from './map-in-batches.js';
import { childrenState, describeJob, loadJob, scanFailed } from './requeue-scan.js';
import type {
  RequeueContext,
  RequeueItem,
  RequeuePlan,
  RequeueSelection,
  RequeueSkip,
  RequeueUnit,
} from './requeue-types.js';

/** Jobs or flows looked at concurrently. */
const BATCH = 50;
/** Parent states a retried child can rejoin; an active or delayed parent is left alone. */
const REJOINABLE = new Set(['failed', 'completed', 'waiting-children', 'waiting', 'prioritized']);

interface Entry {
  queue: QueueName;
  job: Job;
}

/** One flow being planned: its parent's key, the parent once loaded, the children to retry. */
interface Family {
  parentKey: string;
  parent: Entry | null;
  children: Map<string, Entry>;
}

function family(families: Map<string, Family>, parentKey: string): Family {
  let found = families.get(parentKey);
  if (!found) {
    found = { parentKey, parent: null, children: new Map() };
    families.set(parentKey, found);
  }
  return found;
}

function skipAll(children: Iterable<Entry>, reason: string, skipped: RequeueSkip[]): void {
  for (const { queue, job } of children) {
    skipped.push({ queue, jobId: job.id ?? '', reason });
  }
}

/** Adds the parent's failed children: a parent only completes once all of them have. */
async function addFailedChildren(
  ctx: RequeueContext,
  fam: Family,
  parent: Job,
  failedKeys: readonly string[],
  skipped: RequeueSkip[],
): Promise<void> {
  for (const key of failedKeys) {
    if (fam.children.has(key)) {
      continue;
    }
    const loaded = await loadJob(ctx, key);
    if (!loaded?.job) {
      skipped.push({
        queue: loaded?.queue ?? '?',
        jobId: key,
        reason: `child of ${parent.id ?? '?'} no longer exists`,
      });
    } else if (await loaded.job.isFailed()) {
      fam.children.set(key, { queue: loaded.queue, job: loaded.job });
    }
  }
}

async function planFamily(
  ctx: RequeueContext,
  fam: Family,
  skipped: RequeueSkip[],
): Promise<RequeueUnit | null> {
  const loaded = fam.parent ?? (await loadJob(ctx, fam.parentKey));
  if (!loaded?.job) {
    const reason = loaded
      ? `parent ${fam.parentKey} no longer exists; enqueue the analysis again`
      : `parent ${fam.parentKey} is not in a cuckoo-tc queue`;
    skipAll(fam.children.values(), reason, skipped);
    return null;
  }
  const parent = { queue: loaded.queue, job: loaded.job };
  const state = await parent.job.getState();
  if (!REJOINABLE.has(state)) {
    const reason = `parent ${parent.job.id ?? '?'} is ${state}; requeue once it has finished`;
    skipAll(fam.children.values(), reason, skipped);
    return null;
  }
  const children = await childrenState(parent.job);
  await addFailedChildren(ctx, fam, parent.job, children.failed, skipped);
  const jobs = [...fam.children.values()].map(({ queue, job }) => ({
    item: describeJob(queue, job, 'child', 'failed'),
    job,
  }));
  const rejoin = { item: describeJob(parent.queue, parent.job, 'parent', state), job: parent.job };
  if (jobs.length === 0) {
    // Nothing to retry below it. A parent that still waits for children (one retried from the
    // dashboard leaves its parent failed) goes back to waiting for them; otherwise a failed
    // parent is retried on its own.
    if (children.pending > 0 && state !== 'waiting-children') {
      return { jobs: [], parent: rejoin };
    }
    return state === 'failed'
      ? { jobs: [{ ...rejoin, item: { ...rejoin.item, role: 'job' } }], parent: null }
      : null;
  }
  // A parent still in waiting-children needs nothing: retrying a child restores its dependency.
  return { jobs, parent: state === 'waiting-children' ? null : rejoin };
}

/** Failed jobs picked so far: jobs on their own, and flows keyed by their parent's key. */
interface Picked {
  units: RequeueUnit[];
  families: Map<string, Family>;
}

function pick(
  ctx: RequeueContext,
  picked: Picked,
  name: QueueName,
  job: Job,
  owesChildren: boolean,
): void {
  const queue = ctx.queues[name];
  if (job.parentKey) {
    family(picked.families, job.parentKey).children.set(queue.toKey(job.id ?? ''), {
      queue: name,
      job,
    });
  } else if (owesChildren) {
    family(picked.families, queue.toKey(job.id ?? '')).parent = { queue: name, job };
  } else {
    picked.units.push({
      jobs: [{ item: describeJob(name, job, 'job', 'failed'), job }],
      parent: null,
    });
  }
}

/** Picks failed jobs of queue `name`, asking Redis about possible children concurrently. */
async function pickAll(
  ctx: RequeueContext,
  picked: Picked,
  name: QueueName,
  jobs: readonly Job[],
): Promise<void> {
  const parents = await mapInBatches(jobs, BATCH, async job => {
    if (job.parentKey) {
      return false;
    }
    const children = await childrenState(job);
    return children.failed.length > 0 || children.pending > 0;
  });
  jobs.forEach((job, index) => pick(ctx, picked, name, job, parents[index] === true));
}

async function finish(
  ctx: RequeueContext,
  picked: Picked,
  skipped: RequeueSkip[],
): Promise<RequeuePlan> {
  const families = await mapInBatches([...picked.families.values()], BATCH, async fam => {
    const own: RequeueSkip[] = [];
    return { unit: await planFamily(ctx, fam, own), own };
  });
  const units = [...picked.units];
  for (const { unit, own } of families) {
    skipped.push(...own);
    if (unit) {
      units.push(unit);
    }
  }
  return { units, skipped };
}

/**
 * Decides what a requeue moves, without moving anything (a dry run prints this). Works on whole
 * flows: a selected child brings its parent and the parent's other failed children, and a
 * selected parent brings its failed children, so no parent is left failed while a child runs.
 */
export async function planRequeue(
  ctx: RequeueContext,
  selection: RequeueSelection,
): Promise<RequeuePlan> {
  const picked: Picked = { units: [], families: new Map() };
  for (const name of selection.queues) {
    await pickAll(ctx, picked, name, await scanFailed(ctx.queues[name], selection));
  }
  return finish(ctx, picked, []);
}

/**
 * The same plan for named jobs (e.g. one job a dashboard user retries): each failed job is
 * taken with its flow; a job that is missing or not failed is skipped with the reason.
 */
export async function planRequeueJobs(
  ctx: RequeueContext,
  jobs: readonly { queue: QueueName; jobId: string }[],
): Promise<RequeuePlan> {
  const picked: Picked = { units: [], families: new Map() };
  const skipped: RequeueSkip[] = [];
  for (const { queue, jobId } of jobs) {
    const job = await Job.fromId(ctx.queues[queue], jobId);
    if (job && (await job.isFailed())) {
      await pickAll(ctx, picked, queue, [job]);
    } else {
      skipped.push({ queue, jobId, reason: job ? 'not failed' : 'no such job' });
    }
  }
  return finish(ctx, picked, skipped);
}

/** Every job of a plan in the order it moves: each unit's jobs, then its parent. */
export function planItems(plan: RequeuePlan): RequeueItem[] {
  return plan.units.flatMap(unit => [
    ...unit.jobs.map(entry => entry.item),
    ...(unit.parent ? [unit.parent.item] : []),
  ]);
}
