import { requireThreatConnect } from '@cuckoo-tc/config';
import { createLogger } from '@cuckoo-tc/telemetry';
import { createWorkers } from '@cuckoo-tc/worker';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `cuckoo-tc worker [--role ...]`: runs the processors until SIGINT/SIGTERM. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run the parse, indicators and incidents processors (--role to pick)',
  usage: `Usage: cuckoo-tc worker [--role parse,indicators,incidents] [--config FILE]

Consumes the queues of the given roles (default: all, or worker.roles) until SIGINT or SIGTERM,
then lets active jobs finish for worker.shutdownTimeoutSeconds. Refuses to start on a Redis whose
maxmemory-policy is not noeviction. Serves /metrics and /healthz when metrics.enabled.`,
  async run(context) {
    const { config } = await loadCommandConfig(context, parseCommandArgs('worker', context.argv));
    requireThreatConnect(config, 'worker');
    const logger = createLogger({ name: 'worker', level: config.log.level });
    const running = await createWorkers({ config, logger });
    const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
    logger.info({ signal }, 'stopping');
    await running.close();
    return EXIT.ok;
  },
};
