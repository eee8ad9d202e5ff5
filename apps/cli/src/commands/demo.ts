import { fileURLToPath } from 'node:url';
import { loadConfig } from '@cuckoo-tc/config';
import { connectRedis } from '@cuckoo-tc/queues';
import { createLogger } from '@cuckoo-tc/telemetry';
import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { EXIT, type Command, type CommandContext } from '../command.js';
import { ensureLocalRedis } from '../compose/local-redis.js';
import { startOneBox } from '../compose/one-box.js';
import { deleteDemoKeys } from '../demo/delete-demo-keys.js';
import { demoAssignments } from '../demo/demo-settings.js';
import { formatDemoTable } from '../demo/demo-table.js';
import { removeStaged, stageReports, type StagedReports } from '../demo/stage-reports.js';
import { waitForRecords } from '../demo/wait-for-records.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs, type CommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/storage', import.meta.url));

function timeoutMs(text: string | undefined): number {
  const seconds = Number(text ?? '180');
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`demo: --timeout must be a number of seconds, got ${text}`);
  }
  return seconds * 1000;
}

/** `cuckoo-tc demo` (npm run demo): the whole pipeline over example analyses, against the emulator. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'deliver example analyses to a local ThreatConnect emulator and show the result',
  usage: `Usage: cuckoo-tc demo [--reports DIR] [--serve] [--timeout SECONDS]

Uses the Redis at redis.url (REDIS_URL) or starts a private redis-server, starts the
ThreatConnect emulator, runs producer, workers and dashboard over the bundled example analyses
(examples/storage) or over DIR (a Cuckoo storage directory, or a folder of report .json files),
waits until every analysis is delivered, and prints one line per analysis: incident,
indicators sent, skipped by ThreatConnect, and dropped by the filters. Queues live under a
private Redis prefix that is removed afterwards. --serve keeps the dashboard and the emulator
running until Ctrl-C.`,
  async run(context) {
    const args = parseCommandArgs('demo', context.argv, {
      reports: { type: 'string' },
      serve: { type: 'boolean' },
      timeout: { type: 'string' },
    });
    const wait = timeoutMs(args.values.timeout as string | undefined);
    const staged = await stageReports(
      typeof args.values.reports === 'string' ? args.values.reports : EXAMPLES,
    );
    try {
      return await runDemo(context, args, staged, wait);
    } finally {
      // The staging folder of a --reports folder of files is ours: leave nothing in /tmp.
      await removeStaged(staged);
    }
  },
};

async function runDemo(
  context: CommandContext,
  args: CommandArgs,
  staged: StagedReports,
  wait: number,
): Promise<number> {
  const base = await loadCommandConfig(context, args);
  // Closed in reverse order whatever fails, so a failed demo leaves nothing running.
  const opened: (() => Promise<void>)[] = [];
  try {
    const { redis: localRedis } = await ensureLocalRedis(base);
    opened.push(() => localRedis.stop());
    const emulator = await createEmulator({ port: 0 });
    opened.push(() => emulator.close());
    const set = demoAssignments({
      emulatorUrl: emulator.url,
      redisUrl: localRedis.url,
      storageDir: staged.storageDir,
      dashboardPort: 0,
    });
    const { config } = await loadConfig({ env: context.env, args: { ...args.values, set } });
    const logger = createLogger({ name: 'demo', level: 'error', destination: context.stderr });
    const redis = await connectRedis({
      url: config.redis.url,
      role: 'producer',
      connectionName: 'cuckoo-tc:demo',
    });
    opened.push(async () => {
      await deleteDemoKeys(redis, config.redis.prefix).catch(() => undefined);
      redis.disconnect();
    });
    context.stdout.write(
      `Delivering ${staged.analyses.length} analyses from ${staged.storageDir} to the emulator at ${emulator.url} ...\n`,
    );
    const box = await startOneBox({ config, logger, dashboard: true });
    opened.push(() => box.close());
    const records = await waitForRecords({
      redis,
      prefix: config.redis.prefix,
      instance: config.cuckoo.instance,
      taskIds: staged.analyses.map(a => a.taskId),
      timeoutMs: wait,
    });
    const ok = printResult(context, { staged, records, emulator, dashboardUrl: box.dashboardUrl });
    if (args.values.serve) {
      context.stdout.write('Serving until Ctrl-C.\n');
      await (context.stopSignal ?? new Promise<string>(() => undefined));
    } else {
      context.stdout.write(
        '(the dashboard and emulator stop now; npm run demo -- --serve keeps them open)\n',
      );
    }
    return ok ? EXIT.ok : EXIT.failure;
  } finally {
    for (const close of opened.reverse()) {
      await close();
    }
  }
}

/** Prints one row per analysis and where to look; true when every analysis was delivered. */
function printResult(
  context: CommandContext,
  result: {
    staged: StagedReports;
    records: Awaited<ReturnType<typeof waitForRecords>>;
    emulator: Emulator;
    dashboardUrl: string | null;
  },
): boolean {
  const { staged, records, emulator } = result;
  const names = new Map(emulator.state().groups.map(group => [group.xid, group.name]));
  const rows = staged.analyses.map(analysis => {
    const record = records.get(analysis.taskId) ?? null;
    return { analysis, record, incidentName: (record?.xid && names.get(record.xid)) || null };
  });
  context.stdout.write(
    `\n${formatDemoTable(rows)}\n\nDashboard: ${result.dashboardUrl}\nThreatConnect emulator: ${emulator.url} (state: ${emulator.url.replace(/\/api$/, '')}/_emulator/state)\n`,
  );
  return rows.every(
    row => row.record?.status === 'delivered' || row.record?.status === 'delivered-with-warnings',
  );
}
