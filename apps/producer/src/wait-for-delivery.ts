import type { AssociateResult, CatalogQueue, ParseReportResult } from '@cuckoo-tc/queues';
import type { EnqueueOutcome } from './parse-enqueuer.js';

/** How one enqueued analysis ended. */
export interface DeliveryStatus {
  taskId: number;
  jobId: string;
  /** `partial`: the incident exists but some indicator chunks failed permanently. */
  status: 'delivered' | 'partial' | 'failed' | 'unknown';
  /** Failure reason, or why the state is unknown. */
  reason?: string;
}

/** Options of {@link waitForDelivery}. */
export interface WaitForDeliveryOptions {
  parse: CatalogQueue<'parse'>;
  incidents: CatalogQueue<'incidents'>;
  /** @defaultValue 500 ms */
  pollMs?: number;
  /** Resolves early (remaining ones `unknown`) when this aborts, e.g. on Ctrl-C. */
  signal?: AbortSignal;
  /**
   * Stops waiting after this long (remaining ones `unknown`): with no worker running, nothing
   * ever finishes. @defaultValue no deadline
   */
  timeoutMs?: number;
}

interface Deadline {
  at: number;
  timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Waits until each parse job and the flow it added (its `associate` root) finished, by polling
 * job states: simpler and safer than event streams for a one-shot command, which could miss an
 * event that fired before it subscribed.
 */
export async function waitForDelivery(
  outcomes: readonly EnqueueOutcome[],
  options: WaitForDeliveryOptions,
): Promise<DeliveryStatus[]> {
  const deadline =
    options.timeoutMs === undefined
      ? null
      : { at: Date.now() + options.timeoutMs, timeoutMs: options.timeoutMs };
  const results: DeliveryStatus[] = [];
  for (const outcome of outcomes) {
    results.push(await waitForOne(outcome, options, deadline));
  }
  return results;
}

async function waitForOne(
  outcome: EnqueueOutcome,
  options: WaitForDeliveryOptions,
  deadline: Deadline | null,
): Promise<DeliveryStatus> {
  const base = { taskId: outcome.taskId, jobId: outcome.jobId };
  const parseEnd = await finalState(options.parse, outcome.jobId, options, deadline);
  if (parseEnd.state !== 'completed') {
    return { ...base, ...parseEnd.status };
  }
  const flowJobId = (parseEnd.returnvalue as ParseReportResult | undefined)?.flowJobId;
  if (!flowJobId) {
    return { ...base, status: 'unknown', reason: 'parse job completed without a flow id' };
  }
  const flowEnd = await finalState(options.incidents, flowJobId, options, deadline);
  if (flowEnd.state !== 'completed') {
    return { ...base, ...flowEnd.status };
  }
  const failed = (flowEnd.returnvalue as AssociateResult | undefined)?.failedChunks ?? [];
  return failed.length === 0
    ? { ...base, status: 'delivered' }
    : {
        ...base,
        status: 'partial',
        reason: `${failed.length} indicator chunk(s) failed: ${failed[0]?.reason ?? ''}`,
      };
}

async function finalState(
  queue: CatalogQueue<'parse'> | CatalogQueue<'incidents'>,
  jobId: string,
  options: WaitForDeliveryOptions,
  deadline: Deadline | null,
): Promise<{
  state: string;
  returnvalue?: unknown;
  status: Pick<DeliveryStatus, 'status' | 'reason'>;
}> {
  for (;;) {
    if (options.signal?.aborted) {
      return { state: 'aborted', status: { status: 'unknown', reason: 'stopped waiting' } };
    }
    // State first, job second: a job read before its state could be the active copy, without
    // the return value that completion writes.
    const state = await queue.getJobState(jobId);
    if (state === 'unknown') {
      return {
        state: 'missing',
        status: { status: 'unknown', reason: `job ${jobId} not found (removed?)` },
      };
    }
    if (state === 'completed' || state === 'failed') {
      const job = await queue.getJob(jobId);
      return state === 'completed'
        ? { state, returnvalue: job?.returnvalue, status: { status: 'delivered' } }
        : { state, status: { status: 'failed', reason: job?.failedReason ?? 'failed' } };
    }
    if (deadline && Date.now() >= deadline.at) {
      const seconds = Math.round(deadline.timeoutMs / 1000);
      return {
        state: 'timeout',
        status: {
          status: 'unknown',
          reason: `job ${jobId} ${state}: not finished within ${seconds}s`,
        },
      };
    }
    await sleep(options.pollMs ?? 500);
  }
}
