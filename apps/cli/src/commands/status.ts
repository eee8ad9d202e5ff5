import { readQueueStatus } from '@cuckoo-tc/queues';
import { EXIT, type Command, type CommandContext } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { readAnalysisDelivery } from '../operations/analysis-delivery.js';
import { openOperatorQueues, queueNames, type OperatorQueues } from '../operations/open-queues.js';
import { deliveryText, queuesJson, queuesText } from '../operations/status-report.js';
import { readTcGate } from '../operations/tc-gate-state.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const OPTIONS = {
  analysis: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function showAnalysis(
  context: CommandContext,
  ops: OperatorQueues,
  where: { instance: string; taskId: number; json: boolean },
): Promise<number> {
  const delivery = await readAnalysisDelivery(ops, where.instance, where.taskId);
  if (!delivery) {
    context.stderr.write(
      `cuckoo-tc status: no delivery recorded for analysis ${where.taskId} on instance ${where.instance}\n`,
    );
    return EXIT.failure;
  }
  const text = where.json
    ? JSON.stringify({ analysis: delivery }, null, 2)
    : deliveryText(delivery);
  context.stdout.write(`${text}\n`);
  // Scripts and monitoring can tell a failed delivery from the exit code alone.
  return delivery.status === 'failed' ? EXIT.failure : EXIT.ok;
}

/** `cuckoo-tc status`: queue counts, rate-limit state and the 429 gate; or one analysis. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'queue counts, oldest waiting job, rate-limit and 429 gate; one analysis delivery',
  usage: `Usage: cuckoo-tc status [--analysis ID] [--json]

Without --analysis: per queue the jobs waiting, active, delayed, waiting for children,
prioritized, completed and failed, the age of the oldest waiting job, whether the queue is
paused or rate limited and how many workers it has; then whether the ThreatConnect 429 gate
shared by every process of this API identity is closed (and for how long).
  --analysis ID   the delivery of task ID of this instance (cuckoo.instance): incident, indicators
                  by outcome, dropped candidates by reason, attempts, last error, and its jobs;
                  exit code 1 when nothing was recorded for it or its delivery failed
                  (status failed: a job failed for good; last error says why)
  --json          print JSON with stable field names`,
  async run(context) {
    const args = parseCommandArgs('status', context.argv, OPTIONS);
    const analysis = args.values.analysis as string | undefined;
    if (analysis !== undefined && !/^\d+$/.test(analysis)) {
      throw new UsageError(`status: --analysis expects a task id, got '${analysis}'`);
    }
    const json = args.values.json === true;
    const { config } = await loadCommandConfig(context, args);
    const ops = await openOperatorQueues(config.redis.url, config.redis.prefix, 'status');
    try {
      if (analysis !== undefined) {
        const where = { instance: config.cuckoo.instance, taskId: Number(analysis), json };
        return await showAnalysis(context, ops, where);
      }
      const queues = await Promise.all(queueNames().map(name => readQueueStatus(ops.queues[name])));
      const report = { queues, gate: await readTcGate(ops.redis, config) };
      context.stdout.write(`${json ? queuesJson(report) : queuesText(report)}\n`);
      return EXIT.ok;
    } finally {
      await ops.close();
    }
  },
};
