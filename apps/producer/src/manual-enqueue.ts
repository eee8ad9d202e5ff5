import { chunk } from '@cuckoo-tc/queues';
import { EnqueueInputError, isEnqueueInputError } from './errors.js';
import type { EnqueueOutcome, ParseEnqueuer, ReportCandidate } from './parse-enqueuer.js';
import { locateReportPath, statReport } from './report-file.js';
import type { TaskResolver } from './task-resolver.js';

/** What `cuckoo-tc enqueue` asks for. */
export interface ManualEnqueueRequest {
  /** report.json files or analysis directories (`storage/analyses/<id>`). */
  paths?: readonly string[];
  /** Task ids, from `--task` (missing reports are errors). */
  taskIds?: readonly number[];
  /** A backfill range from `--range` (missing reports are skipped and listed). */
  range?: { from: number; to: number };
  /** Enqueue even versions already enqueued. */
  force?: boolean;
  /** Candidates per enqueue round. @defaultValue 500 */
  chunkSize?: number;
}

/** Result of {@link enqueueManually}. */
export interface ManualEnqueueResult {
  outcomes: EnqueueOutcome[];
  /** Range members without a report, with the reason. */
  missing: { taskId: number; reason: string }[];
}

/** Backfill ranges above this size are refused: a typo must not enqueue a farm's whole history. */
export const MAX_RANGE = 1_000_000;

/** Parses `A-B` (inclusive). */
export function parseTaskRange(text: string): { from: number; to: number } {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from > to || to - from + 1 > MAX_RANGE) {
    throw new EnqueueInputError(
      `range ${JSON.stringify(text)}: expected A-B with A <= B and at most ${MAX_RANGE} ids`,
    );
  }
  return { from, to };
}

async function candidateOfPath(input: string): Promise<ReportCandidate> {
  const located = locateReportPath(input);
  if (located === undefined) {
    throw new EnqueueInputError(
      `${input}: not a report.json under analyses/<id>/reports/ nor an analysis directory analyses/<id>`,
    );
  }
  const state = await statReport(located.reportPath);
  if (state === undefined) {
    throw new EnqueueInputError(`${input}: no ${located.reportPath}`);
  }
  return {
    taskId: located.taskId,
    version: state.version,
    report: { kind: 'file', path: state.path },
    trigger: 'cli',
  };
}

/**
 * Source (d): enqueues what an operator names. Paths and `--task` ids must all resolve before
 * anything is enqueued (a typo fails the command, not half of it); a `--range` backfill is
 * resolved and added in chunks, skipping ids without a report.
 */
export async function enqueueManually(
  request: ManualEnqueueRequest,
  deps: { enqueuer: ParseEnqueuer; resolver: TaskResolver },
): Promise<ManualEnqueueResult> {
  const force = request.force ?? false;
  const explicit: ReportCandidate[] = [];
  for (const input of request.paths ?? []) {
    explicit.push(await candidateOfPath(input));
  }
  for (const taskId of request.taskIds ?? []) {
    explicit.push(await deps.resolver.resolve(taskId, 'cli'));
  }
  const outcomes = await deps.enqueuer.enqueue(explicit, { force });
  const missing: ManualEnqueueResult['missing'] = [];
  if (request.range !== undefined) {
    const ids = Array.from(
      { length: request.range.to - request.range.from + 1 },
      (_, i) => request.range!.from + i,
    );
    for (const part of chunk(ids, request.chunkSize ?? 500)) {
      const found: ReportCandidate[] = [];
      for (const taskId of part) {
        try {
          found.push(await deps.resolver.resolve(taskId, 'cli'));
        } catch (err) {
          if (!isEnqueueInputError(err)) {
            throw err;
          }
          missing.push({ taskId, reason: err.message });
        }
      }
      outcomes.push(...(await deps.enqueuer.enqueue(found, { force })));
    }
  }
  return { outcomes, missing };
}
