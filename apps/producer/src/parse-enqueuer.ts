import {
  bulkEntries,
  chunk,
  parseJobId,
  type CatalogQueue,
  type EnqueueTrigger,
  type JobDefaults,
  type ParseReportPayload,
  type ReportLocation,
} from '@cuckoo-tc/queues';
import type { Clock, ProducerLogger } from './logger.js';
import type { ProgressStore } from './progress-store.js';

/** One report version a source found. */
export interface ReportCandidate {
  taskId: number;
  version: string;
  report: ReportLocation;
  trigger: EnqueueTrigger;
}

/** What became of one candidate. */
export interface EnqueueOutcome {
  taskId: number;
  version: string;
  jobId: string;
  status: 'enqueued' | 'already-enqueued';
}

/** Options of {@link ParseEnqueuer}. */
export interface ParseEnqueuerOptions {
  queue: CatalogQueue<'parse'>;
  progress: ProgressStore;
  instance: string;
  /** Jobs per addBulk call. @defaultValue 500 */
  chunkSize?: number;
  jobDefaults?: JobDefaults;
  clock?: Clock;
  logger: ProducerLogger;
  /** Called for each job added (metrics). */
  onEnqueued?: (outcome: EnqueueOutcome, trigger: EnqueueTrigger) => void;
}

/**
 * The one door every source goes through to add parse jobs. A version already recorded for a
 * task is not enqueued again; a new version is. Jobs are added first and recorded second, so a
 * crash in between re-adds the same deterministic job id (a no-op while the job exists) rather
 * than losing the analysis.
 */
export class ParseEnqueuer {
  private readonly chunkSize: number;
  private readonly clock: Clock;

  constructor(private readonly options: ParseEnqueuerOptions) {
    this.chunkSize = options.chunkSize ?? 500;
    this.clock = options.clock ?? Date.now;
  }

  /** Enqueues the candidates not enqueued yet at their version. `force` re-enqueues anyway. */
  async enqueue(
    candidates: readonly ReportCandidate[],
    { force = false }: { force?: boolean } = {},
  ): Promise<EnqueueOutcome[]> {
    const outcomes: EnqueueOutcome[] = [];
    for (const part of chunk(latestPerTask(candidates), this.chunkSize)) {
      outcomes.push(...(await this.enqueueChunk(part, force)));
    }
    return outcomes;
  }

  private async enqueueChunk(
    part: readonly ReportCandidate[],
    force: boolean,
  ): Promise<EnqueueOutcome[]> {
    const { instance, progress, queue } = this.options;
    const known = await progress.enqueuedVersions(part.map(c => c.taskId));
    const now = this.clock();
    const fresh: { candidate: ReportCandidate; version: string; jobId: string }[] = [];
    const outcomes: EnqueueOutcome[] = [];
    for (const candidate of part) {
      if (!force && known.get(candidate.taskId) === candidate.version) {
        const jobId = parseJobId(instance, candidate.taskId, candidate.version);
        outcomes.push({
          taskId: candidate.taskId,
          version: candidate.version,
          jobId,
          status: 'already-enqueued',
        });
        continue;
      }
      // A forced re-run needs its own job id: the previous job may still be retained.
      const version = force ? `${candidate.version}-f${now.toString(36)}` : candidate.version;
      fresh.push({ candidate, version, jobId: parseJobId(instance, candidate.taskId, version) });
    }
    if (fresh.length > 0) {
      const enqueuedAt = new Date(now).toISOString();
      const items = fresh.map(({ candidate, version, jobId }) => {
        const payload: ParseReportPayload = {
          instance,
          taskId: candidate.taskId,
          version,
          report: candidate.report,
          trigger: candidate.trigger,
          enqueuedAt,
        };
        return { payload, jobId };
      });
      await queue.addBulk(bulkEntries('parse-report', items, this.options.jobDefaults));
      await progress.markEnqueued(
        fresh.map(f => ({ taskId: f.candidate.taskId, version: f.candidate.version })),
      );
      for (const { candidate, version, jobId } of fresh) {
        const outcome: EnqueueOutcome = {
          taskId: candidate.taskId,
          version,
          jobId,
          status: 'enqueued',
        };
        outcomes.push(outcome);
        this.options.onEnqueued?.(outcome, candidate.trigger);
        this.options.logger.info(
          { taskId: candidate.taskId, version, jobId, trigger: candidate.trigger },
          'analysis enqueued',
        );
      }
    }
    return outcomes;
  }
}

/** Keeps one candidate per task (the last one given), so one call never adds two versions. */
function latestPerTask(candidates: readonly ReportCandidate[]): ReportCandidate[] {
  const byTask = new Map<number, ReportCandidate>();
  for (const candidate of candidates) {
    byTask.set(candidate.taskId, candidate);
  }
  return [...byTask.values()];
}
