import type { Job } from 'bullmq';
import { JOB_NAMES, type AnalysisRef } from '@cuckoo-tc/queues';
import {
  deliveryKey,
  dropOtherVersionChunks,
  writeDelivery,
  type VersionRedis,
} from './delivery-record.js';

// An indicator chunk failing does not fail the delivery (its parent goes on without it).
const FATAL_JOBS = new Set<string>([
  JOB_NAMES.parseReport,
  JOB_NAMES.createIncident,
  JOB_NAMES.associate,
]);

/** The report version a job belongs to, when its payload names one. */
function versionOf(job: Job<AnalysisRef>): string | null {
  const { version } = job.data as AnalysisRef & { version?: unknown };
  return typeof version === 'string' && version !== '' ? version : null;
}

/**
 * Writes a job's final failure into its analysis' delivery record. A parse job that failed
 * also records its report version: parsing never got to write it, and without it the record
 * cannot lead the operator to the failed job (`status --analysis`).
 */
export async function recordFailure(
  redis: VersionRedis,
  prefix: string,
  job: Job<AnalysisRef>,
  err: Error,
): Promise<void> {
  if (typeof job.data?.instance !== 'string' || typeof job.data.taskId !== 'number') {
    return;
  }
  const ref = { prefix, instance: job.data.instance, taskId: job.data.taskId };
  // A parent failed by its child says only "child ... failed"; the child's reason is the one
  // the operator needs, and it was recorded first.
  const echo =
    /child .* failed/.test(err.message) && (await redis.hget(deliveryKey(ref), 'lastError'));
  const version = job.name === JOB_NAMES.parseReport ? versionOf(job) : null;
  if (version !== null) {
    await dropOtherVersionChunks(redis, ref, version);
  }
  await writeDelivery(redis, ref, {
    ...(FATAL_JOBS.has(job.name) ? { status: 'failed' } : {}),
    ...(version !== null ? { version } : {}),
    ...(echo
      ? {}
      : { lastError: `${job.name} ${job.id ?? ''}: ${err.message}`.replace(/\s+/g, ' ') }),
    'at.failedAt': new Date().toISOString(),
  });
}
