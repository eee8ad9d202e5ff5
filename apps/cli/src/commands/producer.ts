import { createProducer, producerOptionsFromConfig } from '@cuckoo-tc/producer';
import { createRedisConnection } from '@cuckoo-tc/queues';
import { createLogger, createMetrics, startTelemetryServer } from '@cuckoo-tc/telemetry';
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
a Redis whose maxmemory-policy is not noeviction. Serves /metrics and /healthz (Redis and each
source) on metrics.host:port when metrics.enabled.`,
  async run(context) {
    const { config } = await loadCommandConfig(context, parseCommandArgs('producer', context.argv));
    const logger = createLogger({ name: 'producer', level: config.log.level });
    const redis = createRedisConnection({
      url: config.redis.url,
      role: 'producer',
      connectionName: 'cuckoo-tc:producer',
    });
    try {
      const metrics = createMetrics({
        defaultLabels: { role: 'producer', instance: config.cuckoo.instance },
      });
      const producer = await createProducer({
        ...producerOptionsFromConfig(config, { redis, logger }),
        onEnqueued: () =>
          metrics.jobs.inc({ queue: 'parse', name: 'parse-report', outcome: 'enqueued' }),
      });
      const telemetry = config.metrics.enabled
        ? await startTelemetryServer({
            host: config.metrics.host,
            port: config.metrics.port,
            registry: metrics.registry,
            health: () => producer.health(),
          })
        : null;
      context.stdout.write(
        `producer running (${config.producer.sources.join(', ')})` +
          `${producer.pushUrl ? `; push endpoint ${producer.pushUrl}` : ''}` +
          `${telemetry ? `; /metrics and /healthz at ${telemetry.url}` : ''}\n`,
      );
      const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
      logger.info({ signal }, 'stopping');
      await producer.close();
      await telemetry?.close();
      return EXIT.ok;
    } finally {
      redis.disconnect();
    }
  },
};
