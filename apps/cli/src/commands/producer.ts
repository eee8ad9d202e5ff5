import { createProducer, producerOptionsFromConfig } from '@cuckoo-tc/producer';
import { createRedisConnection } from '@cuckoo-tc/queues';
import { createLogger } from '@cuckoo-tc/telemetry';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `cuckoo-tc producer`: finds finished analyses and enqueues them until SIGINT/SIGTERM. */
export const producerCommand: Command = {
  name: 'producer',
  summary: 'find finished analyses (storage scan, API polling, push) and enqueue them',
  usage: `Usage: cuckoo-tc producer [--config FILE] [--storage-dir DIR] [--cuckoo-api-url URL]

Runs the sources listed in producer.sources until SIGINT or SIGTERM:
  storage  scans cuckoo.storageDir/analyses/<id>/reports/report.json (stable files only)
  api      polls cuckoo.apiUrl for reported tasks (cuckoo.apiFlavour: cuckoo or cape)
  push     serves producer.push.host:port for Cuckoo's notification / CAPE's callback module
Progress lives in Redis: restarting neither repeats nor skips an analysis. Refuses to start on
a Redis whose maxmemory-policy is not noeviction.`,
  async run(context) {
    const { config } = await loadCommandConfig(context, parseCommandArgs('producer', context.argv));
    const logger = createLogger({ name: 'producer', level: config.log.level });
    const redis = createRedisConnection({
      url: config.redis.url,
      role: 'producer',
      connectionName: 'cuckoo-tc:producer',
    });
    try {
      const producer = await createProducer(producerOptionsFromConfig(config, { redis, logger }));
      const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
      logger.info({ signal }, 'stopping');
      await producer.close();
      return EXIT.ok;
    } finally {
      redis.disconnect();
    }
  },
};
