import { findAnalysisJobs, type AnalysisJobState } from '@cuckoo-tc/queues';
import { readDeliveryRecord, type DeliveryRecord } from '@cuckoo-tc/worker';
import type { OperatorQueues } from './open-queues.js';

/** One analysis' delivery as `status --analysis` prints it (stable JSON field names). */
export interface AnalysisDelivery {
  instance: string;
  taskId: number;
  status: string | null;
  version: string | null;
  incident: { id: number | null; xid: string | null; link: string | null; created: boolean | null };
  indicators: {
    /** Decided by the parse job. */
    toSend: number;
    created: number;
    cached: number;
    associated: number;
    skipped: Record<string, number>;
  };
  /** Candidates dropped by filters, by reason. */
  dropped: Record<string, number>;
  failedChunks: { job: string; reason: string }[];
  /** Processor runs per job name. */
  attempts: Record<string, number>;
  lastError: string | null;
  warnings: string[];
  timings: Record<string, string>;
  parseMs: number | null;
  /** The jobs this report version still has in Redis. */
  jobs: AnalysisJobState[];
}

function toView(record: DeliveryRecord, jobs: AnalysisJobState[]): AnalysisDelivery {
  return {
    instance: record.instance,
    taskId: record.taskId,
    status: record.status,
    version: record.version,
    incident: {
      id: record.incidentId,
      xid: record.xid,
      link: record.webLink,
      created: record.incidentCreated,
    },
    indicators: {
      toSend: record.indicators,
      created: record.created,
      cached: record.cached,
      associated: record.associated,
      skipped: record.skipped,
    },
    dropped: record.dropped,
    failedChunks: record.failedChunks,
    attempts: record.attempts,
    lastError: record.lastError,
    warnings: record.warnings,
    timings: record.timings,
    parseMs: record.parseMs,
    jobs,
  };
}

/** Reads the delivery record of task `taskId` and its jobs; null when nothing was recorded. */
export async function readAnalysisDelivery(
  ops: OperatorQueues,
  instance: string,
  taskId: number,
): Promise<AnalysisDelivery | null> {
  const record = await readDeliveryRecord(ops.redis, { prefix: ops.prefix, instance, taskId });
  if (!record) {
    return null;
  }
  const jobs = record.version
    ? await findAnalysisJobs(ops.queues, ops.prefix, { instance, taskId, version: record.version })
    : [];
  return toView(record, jobs);
}
