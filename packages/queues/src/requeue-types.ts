import type { Job, Queue } from 'bullmq';
import type { QueueName } from './catalog.js';
import type { ScriptRedis } from './reopen-parent.js';

/** Which failed jobs to requeue. */
export interface RequeueSelection {
  /** Queues whose failed jobs are candidates. */
  queues: readonly QueueName[];
  /** Only the jobs of this analysis (matched on the payload's instance and task id). */
  analysis?: { instance: string; taskId: number };
  /** Only jobs that failed at or after this time (epoch ms). */
  failedSince?: number;
}

/** Open queues and the connection they share (every catalog queue: flows cross queues). */
export interface RequeueContext {
  redis: ScriptRedis;
  /** BullMQ prefix the queues were opened with. */
  prefix: string;
  queues: Readonly<Record<QueueName, Queue>>;
}

/** How a job takes part in a requeue. */
export type RequeueRole =
  /** A job on its own (no flow parent involved). */
  | 'job'
  /** A flow child: retried first, its parent waits for it again. */
  | 'child'
  /** A flow parent: put back to wait for its retried children (or retried when none pend). */
  | 'parent';

/** One job a requeue moves (or would move, in a dry run). */
export interface RequeueItem {
  queue: QueueName;
  jobId: string;
  name: string;
  role: RequeueRole;
  /** State before the requeue: `failed` for retried jobs; a parent may also be `completed`... */
  state: string;
  instance: string | null;
  taskId: number | null;
  failedReason: string | null;
  /** Epoch ms the job finished (failed), null when unknown. */
  finishedOn: number | null;
  /** Id of the flow parent, for children. */
  parentId: string | null;
}

/** A job left alone, and why. */
export interface RequeueSkip {
  queue: string;
  jobId: string;
  reason: string;
}

/** Jobs retried together: the children first, then their parent (if any). */
export interface RequeueUnit {
  jobs: { item: RequeueItem; job: Job }[];
  parent: { item: RequeueItem; job: Job } | null;
}

/** What a requeue will do. */
export interface RequeuePlan {
  units: RequeueUnit[];
  skipped: RequeueSkip[];
}
