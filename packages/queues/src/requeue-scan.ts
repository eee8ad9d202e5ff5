import { Job, type Queue } from 'bullmq';
import type { QueueName } from './catalog.js';
import { parseJobKey } from './job-key.js';
import { sanitizeInstance } from './job-ids.js';
import type {
  RequeueContext,
  RequeueItem,
  RequeueRole,
  RequeueSelection,
} from './requeue-types.js';

/** Failed jobs read per round trip. */
const PAGE = 500;

/** The row shown for `job`. */
export function describeJob(
  queue: QueueName,
  job: Job,
  role: RequeueRole,
  state: string,
): RequeueItem {
  const data = (job.data ?? {}) as { instance?: unknown; taskId?: unknown };
  return {
    queue,
    jobId: job.id ?? '',
    name: job.name,
    role,
    state,
    instance: typeof data.instance === 'string' ? data.instance : null,
    taskId: typeof data.taskId === 'number' ? data.taskId : null,
    failedReason: job.failedReason ? job.failedReason : null,
    finishedOn: job.finishedOn ?? null,
    parentId: job.parent?.id ?? null,
  };
}

// Ids and keys use the sanitized name, so `sandbox 01` and `sandbox-01` are one instance.
function sameInstance(a: string, b: string): boolean {
  try {
    return sanitizeInstance(a) === sanitizeInstance(b);
  } catch {
    return a === b;
  }
}

function matches(job: Job, selection: RequeueSelection): boolean {
  const wanted = selection.analysis;
  if (!wanted) {
    return true;
  }
  const data = (job.data ?? {}) as { instance?: unknown; taskId?: unknown };
  return (
    data.taskId === wanted.taskId &&
    typeof data.instance === 'string' &&
    sameInstance(data.instance, wanted.instance)
  );
}

/**
 * Failed jobs of one queue matching the selection, newest failure first. Pages by rank, so a
 * job failing meanwhile can shift one into the next page: ids already seen are not repeated.
 */
export async function scanFailed(queue: Queue, selection: RequeueSelection): Promise<Job[]> {
  const out: Job[] = [];
  const seen = new Set<string>();
  for (let start = 0; ; start += PAGE) {
    const raw = await queue.getJobs(['failed'], start, start + PAGE - 1, false);
    for (const job of raw) {
      // A job removed between the range read and its hash read comes back empty.
      if (!job?.id || seen.has(job.id)) {
        continue;
      }
      if (selection.failedSince !== undefined && (job.finishedOn ?? 0) < selection.failedSince) {
        return out;
      }
      seen.add(job.id);
      if (matches(job, selection)) {
        out.push(job);
      }
    }
    if (raw.length < PAGE) {
      return out;
    }
  }
}

/** The catalog queue called `name`, or null for a queue this product does not own. */
export function queueOf(ctx: RequeueContext, name: string): QueueName | null {
  return Object.prototype.hasOwnProperty.call(ctx.queues, name) ? (name as QueueName) : null;
}

/** Loads the job a flow key names: null when the key is not one of our queues. */
export async function loadJob(
  ctx: RequeueContext,
  key: string,
): Promise<{ queue: QueueName; job: Job | null } | null> {
  const parts = parseJobKey(key, ctx.prefix);
  const queue = parts ? queueOf(ctx, parts.queue) : null;
  if (!parts || !queue) {
    return null;
  }
  return { queue, job: (await Job.fromId(ctx.queues[queue], parts.id)) ?? null };
}

/** What a (possible) flow parent still owes: children recorded failed, and children pending. */
export interface ChildrenState {
  /** Keys of children that failed (the ones that fail it, and the ignored ones). */
  failed: string[];
  /** Children it still waits for (e.g. one retried from the dashboard). */
  pending: number;
}

/** Reads a job's children bookkeeping (all empty for a job that is no flow parent). */
export async function childrenState(job: Job): Promise<ChildrenState> {
  const deps = await job.getDependencies();
  return {
    failed: [...(deps.failed ?? []), ...Object.keys(deps.ignored ?? {})],
    pending: (deps.unprocessed ?? []).length,
  };
}
