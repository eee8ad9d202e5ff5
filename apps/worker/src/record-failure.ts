import type { Job } from 'bullmq';
import { JOB_NAMES, type AnalysisRef } from '@cuckoo-tc/queues';
import { deliveryKey, writeDelivery, type DeliveryRedis } from './delivery-record.js';

// An indicator chunk failing does not fail the delivery (its parent goes on without it).
const FATAL_JOBS = new Set<string>([
  JOB_NAMES.parseReport,
  JOB_NAMES.createIncident,
  JOB_NAMES.associate,
]);

/** Writes a job's final failure into its analysis' delivery record. */
export async function recordFailure(
  redis: DeliveryRedis,
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
  await writeDelivery(redis, ref, {
    ...(FATAL_JOBS.has(job.name) ? { status: 'failed' } : {}),
    ...(echo
      ? {}
      : { lastError: `${job.name} ${job.id ?? ''}: ${err.message}`.replace(/\s+/g, ' ') }),
    'at.failedAt': new Date().toISOString(),
  });
}
