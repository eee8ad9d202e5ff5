import type { Job } from 'bullmq';
import { mapInBatches } from './map-in-batches.js';
import { reopenParent } from './reopen-parent.js';
import type {
  RequeueContext,
  RequeueItem,
  RequeuePlan,
  RequeueSkip,
  RequeueUnit,
} from './requeue-types.js';

/** What a requeue did. */
export interface RequeueResult {
  moved: RequeueItem[];
  skipped: RequeueSkip[];
}

// Without the resets an exhausted job gets one single try and no backoff (BullMQ's retry keeps
// attemptsMade), which is what makes a dashboard retry fail again at once.
const RESET = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;
const BATCH = 25;

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'failed';
}

async function retryJobs(
  entries: readonly { item: RequeueItem; job: Job }[],
  result: RequeueResult,
): Promise<void> {
  const outcomes = await mapInBatches(entries, BATCH, async ({ item, job }) => {
    try {
      await job.retry('failed', RESET);
      return { item, reason: null };
    } catch (error) {
      return { item, reason: reasonOf(error) };
    }
  });
  for (const { item, reason } of outcomes) {
    if (reason === null) {
      result.moved.push(item);
    } else {
      result.skipped.push({ queue: item.queue, jobId: item.jobId, reason });
    }
  }
}

const PARENT_SKIP: Record<string, string> = {
  'failed-children': 'a child that fails this parent is still failed',
  busy: 'parent is active or delayed',
  missing: 'parent no longer exists',
};

/** After its children were retried, the parent waits for them again (or re-runs at once). */
async function rejoinParent(
  ctx: RequeueContext,
  parent: NonNullable<RequeueUnit['parent']>,
  result: RequeueResult,
): Promise<void> {
  const { item, job } = parent;
  const reopened = await reopenParent(ctx.redis, ctx.queues[item.queue], item.jobId);
  const { outcome, previousState } = reopened;
  if (outcome === 'reopened') {
    result.moved.push({ ...item, state: previousState });
  } else if (outcome === 'no-pending-children') {
    // Its children completed already (fast workers): the parent runs now, with their results.
    if (previousState === 'failed' || previousState === 'completed') {
      try {
        await job.retry(previousState, RESET);
        result.moved.push({ ...item, state: previousState });
      } catch (error) {
        result.skipped.push({ queue: item.queue, jobId: item.jobId, reason: reasonOf(error) });
      }
    }
  } else if (outcome !== 'already-waiting') {
    const reason = PARENT_SKIP[outcome] ?? outcome;
    result.skipped.push({ queue: item.queue, jobId: item.jobId, reason });
  }
}

/**
 * Carries out a plan from `planRequeue`: per flow, the failed children are retried first
 * (`job.retry` restores each one's place among its parent's dependencies), then the parent is
 * put back to wait for them. Attempts are reset everywhere. Never `queue.retryJobs`, which
 * restores no parent dependency.
 */
export async function applyRequeue(ctx: RequeueContext, plan: RequeuePlan): Promise<RequeueResult> {
  // Flows are independent of each other: several at once, each in its own order.
  const perUnit = await mapInBatches(plan.units, BATCH, async unit => {
    const own: RequeueResult = { moved: [], skipped: [] };
    await retryJobs(unit.jobs, own);
    if (unit.parent) {
      await rejoinParent(ctx, unit.parent, own);
    }
    return own;
  });
  return {
    moved: perUnit.flatMap(own => own.moved),
    skipped: [...plan.skipped, ...perUnit.flatMap(own => own.skipped)],
  };
}
