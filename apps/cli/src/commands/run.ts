import { requireProducerSources, requireThreatConnect } from '@cuckoo-tc/config';
import { createLogger } from '@cuckoo-tc/telemetry';
import { EXIT, type Command } from '../command.js';
import { checkDashboardBinding } from '../compose/dashboard-binding.js';
import { ensureLocalRedis } from '../compose/local-redis.js';
import { startOneBox } from '../compose/one-box.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `cuckoo-tc run`: producer, workers and dashboard in one process. */
export const runCommand: Command = {
  name: 'run',
  summary: 'producer + workers + dashboard in one process (one-box installs)',
  usage: `Usage: cuckoo-tc run [--no-dashboard] [--config FILE]

Runs the producer sources, every worker role and (unless --no-dashboard) Bull Board in one
process until SIGINT or SIGTERM. When redis.url is not configured, no Redis answers at the
default and redis-server is installed, starts a private one (persisting nothing: use a real
Redis with AOF for production); a configured Redis that does not answer stops the run (exit 1).
Logs one line 'cuckoo-tc running' with dashboardUrl (null with --no-dashboard) once started.`,
  async run(context) {
    const args = parseCommandArgs('run', context.argv, { 'no-dashboard': { type: 'boolean' } });
    const loaded = await loadCommandConfig(context, args);
    // Every setting the roles need is checked before anything starts (exit 2).
    requireThreatConnect(loaded.config, 'run');
    requireProducerSources(loaded.config, 'run');
    const dashboard = args.values['no-dashboard'] !== true;
    if (dashboard) {
      await checkDashboardBinding(loaded.config);
    }
    const logger = createLogger({ name: 'cuckoo-tc', level: loaded.config.log.level });
    const { config, redis } = await ensureLocalRedis(loaded);
    if (redis.owned) {
      logger.warn(
        { url: redis.url },
        'no Redis answered at redis.url; started a private redis-server that keeps nothing on disk',
      );
    }
    try {
      const box = await startOneBox({ config, logger, dashboard });
      // A structured line like every other: stdout stays one JSON log line per row.
      logger.info({ dashboardUrl: box.dashboardUrl }, 'cuckoo-tc running');
      const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
      logger.info({ signal }, 'stopping');
      await box.close();
      return EXIT.ok;
    } finally {
      await redis.stop();
    }
  },
};
