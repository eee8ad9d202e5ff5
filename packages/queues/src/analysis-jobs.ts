import { Job, type Queue } from 'bullmq';
import type { QueueName } from './catalog.js';
import { parseJobKey } from './job-key.js';
import {
  associateJobId,
  createIncidentJobId,
  createIndicatorsJobId,
  parseJobId,
} from './job-ids.js';

/** One job of an analysis and where it stands. */
export interface AnalysisJobState {
  queue: QueueName;
  jobId: string;
  name: string;
  /** BullMQ state (`completed`, `failed`, `waiting-children`...). */
  state: string;
  attemptsMade: number;
  failedReason: string | null;
}

/** Which analysis, and the report version its jobs were built from. */
export interface AnalysisJobsRef {
  instance: string;
  taskId: number;
  version: string;
}

/** Safety bound when probing indicator chunks of a flow whose parent is gone. */
const MAX_PROBED_CHUNKS = 1_000;

async function describe(queue: QueueName, job: Job): Promise<AnalysisJobState> {
  return {
    queue,
    jobId: job.id ?? '',
    name: job.name,
    state: await job.getState(),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ? job.failedReason : null,
  };
}

const byNumber = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

async function childrenOf(
  queues: Readonly<Record<QueueName, Queue>>,
  prefix: string,
  parent: Job,
): Promise<AnalysisJobState[]> {
  const deps = await parent.getDependencies();
  const keys = [
    ...Object.keys(deps.processed ?? {}),
    ...(deps.unprocessed ?? []),
    ...(deps.failed ?? []),
    ...Object.keys(deps.ignored ?? {}),
  ];
  const out: AnalysisJobState[] = [];
  for (const key of [...new Set(keys)].sort(byNumber)) {
    const parts = parseJobKey(key, prefix);
    const queue = parts && parts.queue in queues ? (parts.queue as QueueName) : null;
    const job = queue && parts ? await Job.fromId(queues[queue], parts.id) : undefined;
    if (queue && job) {
      out.push(await describe(queue, job));
    }
  }
  return out;
}

/** Children looked up by their deterministic ids (when the parent was already removed). */
async function probeChildren(
  queues: Readonly<Record<QueueName, Queue>>,
  ref: AnalysisJobsRef,
): Promise<AnalysisJobState[]> {
  const out: AnalysisJobState[] = [];
  const incidentId = createIncidentJobId(ref.instance, ref.taskId, ref.version);
  const incident = await Job.fromId(queues.incidents, incidentId);
  if (incident) {
    out.push(await describe('incidents', incident));
  }
  for (let chunk = 0; chunk < MAX_PROBED_CHUNKS; chunk += 1) {
    const id = createIndicatorsJobId(ref.instance, ref.taskId, ref.version, chunk);
    const job = await Job.fromId(queues.indicators, id);
    if (!job) {
      break;
    }
    out.push(await describe('indicators', job));
  }
  return out;
}

/**
 * The jobs one analysis' report version still has in Redis: its parse job, the flow parent and
 * every child the parent knows of (or, once the parent is removed, the children found by id).
 * Jobs removed by retention are simply absent.
 */
export async function findAnalysisJobs(
  queues: Readonly<Record<QueueName, Queue>>,
  prefix: string,
  ref: AnalysisJobsRef,
): Promise<AnalysisJobState[]> {
  const out: AnalysisJobState[] = [];
  const parse = await Job.fromId(queues.parse, parseJobId(ref.instance, ref.taskId, ref.version));
  if (parse) {
    out.push(await describe('parse', parse));
  }
  const root = await Job.fromId(
    queues.incidents,
    associateJobId(ref.instance, ref.taskId, ref.version),
  );
  if (root) {
    out.push(await describe('incidents', root), ...(await childrenOf(queues, prefix, root)));
  } else {
    out.push(...(await probeChildren(queues, ref)));
  }
  return out;
}
