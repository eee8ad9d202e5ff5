import {
  applyRequeue,
  planItems,
  planRequeue,
  type QueueName,
  type RequeueSelection,
} from '@cuckoo-tc/queues';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { openOperatorQueues, queueNames } from '../operations/open-queues.js';
import { parseDuration } from '../operations/parse-duration.js';
import { requeueJson, requeueText, type RequeueReport } from '../operations/requeue-report.js';
import { parseCommandArgs, type CommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const OPTIONS = {
  queue: { type: 'string' },
  analysis: { type: 'string' },
  since: { type: 'string' },
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The command's own options, checked before any configuration or Redis is touched. */
interface RequeueFilters {
  queues: QueueName[];
  taskId: number | undefined;
  sinceMs: number | undefined;
}

function readFilters(values: CommandArgs['values']): RequeueFilters {
  const option = (name: string): string | undefined => values[name] as string | undefined;
  const queue = option('queue');
  const analysis = option('analysis');
  const since = option('since');
  const all = queueNames();
  if (queue !== undefined && !all.includes(queue as QueueName)) {
    throw new UsageError(`requeue: unknown queue '${queue}' (queues: ${all.join(', ')})`);
  }
  if (analysis !== undefined && !/^\d+$/.test(analysis)) {
    throw new UsageError(`requeue: --analysis expects a task id, got '${analysis}'`);
  }
  const sinceMs = since === undefined ? undefined : parseDuration(since);
  if (sinceMs === null) {
    throw new UsageError(
      `requeue: --since expects a duration such as 90s, 30m, 2h or 1d, got '${since ?? ''}'`,
    );
  }
  if (queue === undefined && analysis === undefined && since === undefined && !values.all) {
    throw new UsageError(
      'requeue: say which failed jobs: --queue Q, --analysis ID, --since DUR, or --all',
    );
  }
  return {
    queues: queue === undefined ? all : [queue as QueueName],
    taskId: analysis === undefined ? undefined : Number(analysis),
    sinceMs,
  };
}

/** `cuckoo-tc requeue`: retries failed jobs with their attempts reset, flow by flow. */
export const requeueCommand: Command = {
  name: 'requeue',
  summary: 'retry failed jobs (by queue, analysis, age or all), attempts reset, flows kept whole',
  usage: `Usage: cuckoo-tc requeue [--queue Q] [--analysis ID] [--since DUR] [--all] [--dry-run] [--json]

Moves failed jobs back to the queue with their attempts reset. Filters combine; at least one
of --queue, --analysis, --since or --all is required.
  --queue Q       only failed jobs of queue Q (parse, indicators, incidents)
  --analysis ID   only jobs of task ID of this instance (cuckoo.instance), in every queue
  --since DUR     only jobs that failed within DUR (90s, 30m, 2h, 1d, 1h30m)
  --all           every failed job
  --dry-run       list what would move (queue, job, name, analysis, reason, time); move nothing
  --json          print the result as JSON (counts.moved, or counts.wouldMove with --dry-run)
Flows stay whole: a failed child is retried together with its parent's other failed children,
and the parent is put back to wait for them (a completed parent re-runs its association); a
parent left failed after one of its children was retried alone waits for that child again.
Children of a parent that is still running are skipped: requeue them once it has finished.`,
  async run(context) {
    const args = parseCommandArgs('requeue', context.argv, OPTIONS);
    const filters = readFilters(args.values);
    const { config } = await loadCommandConfig(context, args);
    const selection: RequeueSelection = {
      queues: filters.queues,
      ...(filters.taskId === undefined
        ? {}
        : { analysis: { instance: config.cuckoo.instance, taskId: filters.taskId } }),
      ...(filters.sinceMs === undefined ? {} : { failedSince: Date.now() - filters.sinceMs }),
    };
    const ops = await openOperatorQueues(config.redis.url, config.redis.prefix, 'requeue');
    try {
      const plan = await planRequeue(ops, selection);
      const dryRun = args.values['dry-run'] === true;
      const report: RequeueReport = dryRun
        ? { dryRun, moved: planItems(plan), skipped: plan.skipped }
        : { dryRun, ...(await applyRequeue(ops, plan)) };
      context.stdout.write(`${args.values.json ? requeueJson(report) : requeueText(report)}\n`);
      return EXIT.ok;
    } finally {
      await ops.close();
    }
  },
};
