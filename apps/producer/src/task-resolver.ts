import type { EnqueueTrigger } from '@cuckoo-tc/queues';
import { EnqueueInputError } from './errors.js';
import type { ReportCandidate } from './parse-enqueuer.js';
import { reportPathOf, statReport } from './report-file.js';
import { apiReportVersion, type SandboxApi, type SandboxTask } from './sandbox-api.js';

/** Options of {@link TaskResolver}. */
export interface TaskResolverOptions {
  /** Storage directory, preferred: the file's size and mtime give the same version the scanner computes. */
  storageDir?: string | null;
  /** Used when there is no storage directory, or the report is not in it. */
  api?: SandboxApi;
}

/** Turns a bare task id (push notification, `enqueue --task`) into a report candidate. */
export class TaskResolver {
  constructor(private readonly options: TaskResolverOptions) {}

  /** The candidate for `taskId`; throws `EnqueueInputError` when no report can be located. */
  async resolve(taskId: number, trigger: EnqueueTrigger): Promise<ReportCandidate> {
    const { storageDir, api } = this.options;
    if (storageDir) {
      const state = await statReport(reportPathOf(storageDir, taskId));
      if (state !== undefined) {
        return {
          taskId,
          version: state.version,
          report: { kind: 'file', path: state.path },
          trigger,
        };
      }
      if (api === undefined) {
        throw new EnqueueInputError(`task ${taskId}: no ${reportPathOf(storageDir, taskId)}`);
      }
    }
    if (api === undefined) {
      throw new EnqueueInputError(
        `task ${taskId}: neither a storage directory nor a sandbox API is configured`,
      );
    }
    const task = await api.viewTask(taskId);
    if (task === undefined) {
      throw new EnqueueInputError(`task ${taskId}: unknown to the sandbox API`);
    }
    return { taskId, version: apiReportVersion(task), report: api.reportLocation(taskId), trigger };
  }

  /**
   * The candidate for a task the API listed as reported: the file in the storage directory when
   * it is there (same version as the scanner and push compute, so two sources never enqueue one
   * report twice), else the API with the version from the task record (no extra request).
   */
  async fromListedTask(task: SandboxTask, trigger: EnqueueTrigger): Promise<ReportCandidate> {
    const { storageDir, api } = this.options;
    if (storageDir) {
      const state = await statReport(reportPathOf(storageDir, task.id));
      if (state !== undefined) {
        return {
          taskId: task.id,
          version: state.version,
          report: { kind: 'file', path: state.path },
          trigger,
        };
      }
    }
    if (api === undefined) {
      throw new EnqueueInputError(
        `task ${task.id}: no report in the storage directory and no sandbox API`,
      );
    }
    return {
      taskId: task.id,
      version: apiReportVersion(task),
      report: api.reportLocation(task.id),
      trigger,
    };
  }
}
