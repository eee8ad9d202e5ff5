import type { ProducerLogger } from './logger.js';
import type { ParseEnqueuer, ReportCandidate } from './parse-enqueuer.js';
import { PeriodicSource } from './periodic-task.js';
import type { PollState, ProgressStore } from './progress-store.js';
import { apiDateSeconds, type SandboxApi, type SandboxTask } from './sandbox-api.js';
import type { TaskResolver } from './task-resolver.js';

/** Task statuses after which no report will come (Cuckoo and CAPE). */
const TERMINAL = new Set(['failed_analysis', 'failed_processing', 'failed_reporting', 'banned']);

/** Options of {@link ApiPoller}. */
export interface ApiPollerOptions {
  api: SandboxApi;
  enqueuer: ParseEnqueuer;
  progress: ProgressStore;
  /** Turns a listed task into a candidate (file when the storage holds it, else the API). */
  resolver: TaskResolver;
  /** @defaultValue 30 s */
  intervalMs?: number;
  /** @defaultValue 50 */
  pageSize?: number;
  /** Pages listed per poll at most. @defaultValue 100 */
  maxPages?: number;
  /** @defaultValue 1 day */
  lookbackSeconds?: number;
  /** Unfinished ids below the newest reported one looked up per poll. @defaultValue 20 */
  taskChecksPerPoll?: number;
  /** @defaultValue 0 */
  minTaskId?: number;
  logger: ProducerLogger;
}

/**
 * Source (b): polls `tasks/list?status=reported` (Cuckoo) or `apiv2/tasks/list/?status=reported`
 * (CAPE). `completed_after` only narrows the listing, with a generous lookback, because it is
 * compared with the end of the analysis, not of reporting. What guarantees nothing is skipped is
 * an id cursor: it only moves past a task once that task is enqueued or ended without a report,
 * and ids below the newest reported one are looked up one by one until they are.
 */
export class ApiPoller extends PeriodicSource {
  constructor(private readonly options: ApiPollerOptions) {
    super({ name: 'api poll', intervalMs: options.intervalMs ?? 30_000, logger: options.logger });
  }

  protected override tick(): Promise<void> {
    return this.poll();
  }

  /** One poll: list, enqueue, check the ids the cursor waits on, move the cursor. */
  async poll(): Promise<void> {
    const { progress } = this.options;
    const state = await progress.pollState();
    const minTaskId = this.options.minTaskId ?? 0;
    state.cursor = Math.max(state.cursor, minTaskId - 1);
    const listed = (await this.listReported(state)).filter(t => t.id >= minTaskId);
    await this.options.enqueuer.enqueue(await this.candidates(listed));
    for (const t of listed) {
      state.maxSeen = Math.max(state.maxSeen, t.id);
      state.newestCompletedOn = Math.max(state.newestCompletedOn, apiDateSeconds(t.completedOn));
    }
    await this.checkWaitingIds(state);
    await progress.savePollState(state);
  }

  private async candidates(tasks: readonly SandboxTask[]): Promise<ReportCandidate[]> {
    const out: ReportCandidate[] = [];
    for (const task of tasks) {
      out.push(await this.options.resolver.fromListedTask(task, 'poll'));
    }
    return out;
  }

  /**
   * Lists reported tasks completed after the window start. A listing cut short by `maxPages`
   * resumes next poll at the same window and offset: insertions (new or late reports) only
   * push rows to higher offsets, so resuming re-reads some rows but skips none.
   */
  private async listReported(state: PollState): Promise<SandboxTask[]> {
    const pageSize = this.options.pageSize ?? 50;
    const lookback = this.options.lookbackSeconds ?? 86_400;
    const resuming = state.resumeOffset > 0;
    const after = resuming
      ? state.resumeAfter
      : state.newestCompletedOn > 0
        ? Math.max(1, state.newestCompletedOn - lookback)
        : 0;
    const firstOffset = resuming ? state.resumeOffset : 0;
    const tasks: SandboxTask[] = [];
    for (let page = 0; page < (this.options.maxPages ?? 100); page += 1) {
      const offset = firstOffset + page * pageSize;
      const batch = await this.options.api.listTasks('reported', pageSize, offset, after);
      tasks.push(...batch.filter(t => t.status === 'reported'));
      if (batch.length < pageSize) {
        state.resumeAfter = 0;
        state.resumeOffset = 0;
        return tasks;
      }
    }
    state.resumeAfter = after;
    state.resumeOffset = firstOffset + (this.options.maxPages ?? 100) * pageSize;
    return tasks;
  }

  /** Looks up unresolved ids between the cursor and the newest reported id, then moves the cursor. */
  private async checkWaitingIds(state: PollState): Promise<void> {
    const { progress, api, logger } = this.options;
    const windowIds = range(state.cursor + 1, Math.min(state.maxSeen, state.cursor + 1000));
    const resolved = await progress.resolved(windowIds);
    const waiting = windowIds
      .filter(id => !resolved.has(id))
      .slice(0, this.options.taskChecksPerPoll ?? 20);
    const ready: SandboxTask[] = [];
    const terminal: { taskId: number; status: string }[] = [];
    for (const id of waiting) {
      const task = await api.viewTask(id);
      if (task === undefined) {
        terminal.push({ taskId: id, status: 'missing' });
      } else if (task.status === 'reported') {
        ready.push(task);
      } else if (TERMINAL.has(task.status)) {
        terminal.push({ taskId: id, status: task.status });
      }
    }
    await this.options.enqueuer.enqueue(await this.candidates(ready));
    await progress.markTerminal(terminal);
    for (const t of terminal) {
      logger.warn(
        { taskId: t.taskId, status: t.status },
        'task ended without a report; nothing to deliver',
      );
    }
    const nowResolved = await progress.resolved(windowIds);
    while (nowResolved.has(state.cursor + 1)) {
      state.cursor += 1;
    }
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let id = from; id <= to; id += 1) {
    out.push(id);
  }
  return out;
}
