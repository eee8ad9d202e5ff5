import type { Redis } from 'ioredis';
import type { Job } from 'bullmq';
import type { AnalysisRef } from '@cuckoo-tc/queues';
import type { Logger, Metrics } from '@cuckoo-tc/telemetry';
import type { ThreatConnectClient } from '@cuckoo-tc/threatconnect';
import type { DeliveryRecordRef } from './delivery-record.js';
import type { ThrottleContext } from './tc-failure.js';

/** What every ThreatConnect-calling processor gets. */
export interface ProcessorDeps {
  client: ThreatConnectClient;
  /** A command connection (records, cache). */
  redis: Redis;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Product key prefix (`redis.prefix`). */
  prefix: string;
  throttle: ThrottleContext;
}

/** The delivery record reference of a job's analysis. */
export function recordRef(prefix: string, data: AnalysisRef): DeliveryRecordRef {
  return { prefix, instance: data.instance, taskId: data.taskId };
}

/** A logger whose every line names the analysis and the job. */
export function jobLogger(logger: Logger, job: Job<AnalysisRef>): Logger {
  return logger.child({
    analysisId: `${job.data.instance}-${job.data.taskId}`,
    jobId: job.id,
    job: job.name,
  });
}
