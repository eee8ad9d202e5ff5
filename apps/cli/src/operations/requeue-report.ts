import type { RequeueItem, RequeueSkip } from '@cuckoo-tc/queues';
import { clip, formatTable } from './format-table.js';

/** What `requeue` prints: the jobs moved (or that would move) and the ones left alone. */
export interface RequeueReport {
  dryRun: boolean;
  moved: readonly RequeueItem[];
  skipped: readonly RequeueSkip[];
}

const ROLE_NOTE: Record<RequeueItem['role'], string> = {
  job: '',
  child: ' (flow child)',
  parent: ' (parent, waits for its children)',
};

function analysisOf(item: RequeueItem): string {
  return item.instance !== null && item.taskId !== null ? `${item.instance}/${item.taskId}` : '-';
}

function finishedAt(item: RequeueItem): string | null {
  return item.finishedOn === null ? null : new Date(item.finishedOn).toISOString();
}

/** The report as stable JSON for scripts. */
export function requeueJson(report: RequeueReport): string {
  return JSON.stringify(
    {
      dryRun: report.dryRun,
      // A dry run moved nothing: its count is named for what it would do.
      counts: {
        [report.dryRun ? 'wouldMove' : 'moved']: report.moved.length,
        skipped: report.skipped.length,
      },
      jobs: report.moved.map(item => ({
        queue: item.queue,
        jobId: item.jobId,
        name: item.name,
        role: item.role,
        state: item.state,
        instance: item.instance,
        taskId: item.taskId,
        parentId: item.parentId,
        failedReason: item.failedReason,
        finishedAt: finishedAt(item),
      })),
      skipped: report.skipped,
    },
    null,
    2,
  );
}

/** The report as a short table and a count line. */
export function requeueText(report: RequeueReport): string {
  const parts: string[] = [];
  if (report.moved.length > 0) {
    const rows = report.moved.map(item => [
      item.queue,
      item.jobId,
      `${item.name}${ROLE_NOTE[item.role]}`,
      analysisOf(item),
      clip(item.failedReason ?? `(${item.state})`, 60),
      finishedAt(item) ?? '-',
    ]);
    parts.push(
      formatTable(['queue', 'job', 'name', 'analysis', 'failed reason', 'finished'], rows),
    );
  }
  if (report.skipped.length > 0) {
    const rows = report.skipped.map(skip => [skip.queue, skip.jobId, clip(skip.reason, 90)]);
    parts.push(formatTable(['skipped', 'job', 'reason'], rows));
  }
  const verb = report.dryRun ? 'would move' : 'moved';
  parts.push(`${verb} ${report.moved.length}, skipped ${report.skipped.length}`);
  return parts.join('\n\n');
}
