// Event logging and metrics of one BullMQ worker: every line names the analysis and the job.
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { AnalysisRef } from '@cuckoo-tc/queues';
import type { Logger, Metrics } from '@cuckoo-tc/telemetry';

/** Options of {@link attachJobEvents}. */
export interface JobEventsOptions {
  queue: string;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Called once a job failed for good (no retry left, or unrecoverable). */
  onFinalFailure?: (job: Job<AnalysisRef>, err: Error) => Promise<void>;
}

function analysisId(job: Job<AnalysisRef> | undefined): string | undefined {
  return job ? `${job.data.instance}-${job.data.taskId}` : undefined;
}

/** True when BullMQ will not retry this failure. */
export function isFinalFailure(job: Job, err: Error): boolean {
  const attempts = job.opts.attempts ?? 1;
  return (
    err instanceof UnrecoverableError ||
    err.name === 'UnrecoverableError' ||
    job.attemptsMade >= attempts ||
    job.finishedOn !== undefined
  );
}

/** Wires log lines and metrics to a worker's events. */
export function attachJobEvents(worker: Worker, options: JobEventsOptions): void {
  const { queue, logger, metrics } = options;
  worker.on('completed', (job: Job<AnalysisRef>) => {
    metrics?.jobs.inc({ queue, name: job.name, outcome: 'completed' });
    logger.info(
      { analysisId: analysisId(job), jobId: job.id, job: job.name, queue },
      'job completed',
    );
  });
  worker.on('failed', (job: Job<AnalysisRef> | undefined, err: Error) => {
    const final = job ? isFinalFailure(job, err) : true;
    const fields = {
      analysisId: analysisId(job),
      jobId: job?.id,
      job: job?.name,
      queue,
      attemptsMade: job?.attemptsMade,
      reason: err.message,
    };
    metrics?.jobs.inc({
      queue,
      name: job?.name ?? 'unknown',
      outcome: final ? 'failed' : 'retried',
    });
    if (final) {
      logger.error(fields, 'job failed');
      if (job && options.onFinalFailure) {
        options.onFinalFailure(job, err).catch((e: unknown) => {
          logger.error({ ...fields, err: String(e) }, 'could not record the failure');
        });
      }
    } else {
      logger.warn(fields, 'job will be retried');
    }
  });
  worker.on('stalled', (jobId: string) => {
    logger.warn({ jobId, queue }, 'job stalled; it goes back to wait');
  });
  worker.on('error', (err: Error) => {
    logger.error({ queue, err: err.message }, 'worker error');
  });
}
