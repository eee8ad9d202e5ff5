import {
  createEnqueueTools,
  enqueueManually,
  enqueueToolsOptionsFromConfig,
  isEnqueueInputError,
  parseTaskRange,
  silentLogger,
  waitForDelivery,
  type DeliveryStatus,
  type EnqueueTools,
  type ManualEnqueueResult,
} from '@cuckoo-tc/producer';
import { assertNoEviction, connectRedis, createQueue } from '@cuckoo-tc/queues';
import type { Redis } from 'ioredis';
import { EXIT, type Command, type CommandContext } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseDuration } from '../operations/parse-duration.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

interface EnqueueRequest {
  paths: string[];
  taskIds: number[];
  range: { from: number; to: number } | undefined;
}

function parseRequest(
  positionals: string[],
  tasks: string[],
  range: string | undefined,
): EnqueueRequest {
  const taskIds = tasks.map(text => {
    if (!/^\d+$/.test(text)) {
      throw new UsageError(`enqueue: --task expects a task number, got ${JSON.stringify(text)}`);
    }
    return Number(text);
  });
  let parsedRange: EnqueueRequest['range'];
  try {
    parsedRange = range === undefined ? undefined : parseTaskRange(range);
  } catch (error) {
    throw isEnqueueInputError(error) ? new UsageError(`enqueue: ${error.message}`) : error;
  }
  if (positionals.length === 0 && taskIds.length === 0 && parsedRange === undefined) {
    throw new UsageError(
      'enqueue: name a PATH, --task ID or --range A-B (see cuckoo-tc enqueue --help)',
    );
  }
  return { paths: positionals, taskIds, range: parsedRange };
}

/** How long --wait waits by default: far beyond a normal delivery, short of for ever. */
const DEFAULT_WAIT_TIMEOUT = '1h';

function parseWaitTimeout(text: string | undefined): number {
  const ms = parseDuration(text ?? DEFAULT_WAIT_TIMEOUT);
  if (ms === null) {
    throw new UsageError(
      `enqueue: --timeout expects a duration such as 90s, 30m, 2h or 1d, got '${text ?? ''}'`,
    );
  }
  return ms;
}

function printEnqueued(context: CommandContext, result: ManualEnqueueResult): void {
  for (const outcome of result.outcomes) {
    const what = outcome.status === 'enqueued' ? 'enqueued' : 'already enqueued';
    context.stdout.write(`task ${outcome.taskId}: ${what} (${outcome.jobId})\n`);
  }
  for (const missing of result.missing) {
    context.stderr.write(`warning: skipped ${missing.reason}\n`);
  }
  const fresh = result.outcomes.filter(o => o.status === 'enqueued').length;
  context.stdout.write(
    `${fresh} enqueued, ${result.outcomes.length - fresh} already enqueued, ${result.missing.length} without a report\n`,
  );
}

function printDelivery(context: CommandContext, statuses: DeliveryStatus[]): boolean {
  for (const s of statuses) {
    context.stdout.write(`task ${s.taskId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}\n`);
  }
  return statuses.every(s => s.status === 'delivered');
}

/** `cuckoo-tc enqueue`: manual enqueue and backfill of analyses. */
export const enqueueCommand: Command = {
  name: 'enqueue',
  summary: 'enqueue analyses by report path, task id or task range (backfill)',
  usage: `Usage: cuckoo-tc enqueue PATH... | --task ID [--task ID ...] | --range A-B [--wait [--timeout DUR]] [--force]

Enqueues the parse job of each analysis named. PATH is a report.json inside
storage/analyses/<id>/reports/ or an analysis directory storage/analyses/<id>. --task and
--range find reports in cuckoo.storageDir, else through the sandbox API (cuckoo.apiUrl).
A report version already enqueued is not enqueued again (safe to re-run a backfill); --force
enqueues it anyway. Named paths and tasks must all have a report or nothing is enqueued; range
members without one are skipped with a warning.
  --wait    wait until each analysis is delivered or failed; exit code 1 if any failed
            or was delivered without some of its indicators (partial)
  --timeout DUR  with --wait, stop waiting after DUR (90s, 30m, 2h, 1d; default 1h): the
            analyses not finished by then are reported unknown and the exit code is 1
  --force   enqueue again versions already enqueued`,
  async run(context) {
    const args = parseCommandArgs(
      'enqueue',
      context.argv,
      {
        task: { type: 'string', multiple: true },
        range: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        force: { type: 'boolean' },
      },
      true,
    );
    const request = parseRequest(
      args.positionals,
      (args.values.task as string[] | undefined) ?? [],
      args.values.range as string | undefined,
    );
    const timeout = args.values.timeout as string | undefined;
    if (timeout !== undefined && args.values.wait !== true) {
      throw new UsageError('enqueue: --timeout only applies with --wait');
    }
    const timeoutMs = parseWaitTimeout(timeout);
    const { config } = await loadCommandConfig(context, args);
    const redis = await connectRedis({
      url: config.redis.url,
      role: 'producer',
      connectionName: 'cuckoo-tc:enqueue',
    });
    const tools = await createEnqueueTools(
      enqueueToolsOptionsFromConfig(config, { redis, logger: silentLogger }),
    ).catch(error => {
      redis.disconnect();
      throw error;
    });
    try {
      await assertNoEviction(redis);
      const result = await enqueueManually(
        { ...request, force: args.values.force === true },
        tools,
      );
      printEnqueued(context, result);
      if (args.values.wait !== true) {
        return EXIT.ok;
      }
      return await waitAndPrint(context, result, {
        redis,
        prefix: config.redis.prefix,
        parse: tools.parse,
        timeoutMs,
      });
    } finally {
      await tools.close();
      redis.disconnect();
    }
  },
};

async function waitAndPrint(
  context: CommandContext,
  result: ManualEnqueueResult,
  deps: {
    redis: Redis;
    prefix: string;
    parse: EnqueueTools['parse'];
    timeoutMs: number;
  },
): Promise<number> {
  const incidents = createQueue('incidents', { connection: deps.redis, prefix: deps.prefix });
  const abort = new AbortController();
  void context.stopSignal?.then(() => abort.abort());
  try {
    const statuses = await waitForDelivery(result.outcomes, {
      parse: deps.parse,
      incidents,
      signal: abort.signal,
      timeoutMs: deps.timeoutMs,
    });
    return printDelivery(context, statuses) ? EXIT.ok : EXIT.failure;
  } finally {
    await incidents.close();
  }
}
