import { requireProducerSources } from '@cuckoo-tc/config';
import { createProducer, producerOptionsFromConfig, type Producer } from '@cuckoo-tc/producer';
import { connectRedis } from '@cuckoo-tc/queues';
import {
  createLogger,
  createMetrics,
  startTelemetryServer,
  type HealthReport,
} from '@cuckoo-tc/telemetry';
import type { Redis } from 'ioredis';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** What /healthz answers until the sources run. */
const STARTING: HealthReport = {
  ok: false,
  checks: { producer: { ok: false, detail: 'starting' } },
};

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
    requireProducerSources(config, 'producer');
    const logger = createLogger({ name: 'producer', level: config.log.level });
    const metrics = createMetrics({
      defaultLabels: { role: 'producer', instance: config.cuckoo.instance },
    });
    let producer: Producer | undefined;
    // Listen first: a taken port stops the start before any source enqueues (exit 2).
    const telemetry = config.metrics.enabled
      ? await startTelemetryServer({
          host: config.metrics.host,
          port: config.metrics.port,
          registry: metrics.registry,
          health: async () => producer?.health() ?? STARTING,
        })
      : null;
    let redis: Redis | undefined;
    try {
      redis = await connectRedis({
        url: config.redis.url,
        role: 'producer',
        connectionName: 'cuckoo-tc:producer',
        onError: (error: Error) => logger.warn({ err: error.message }, 'redis error'),
      });
      producer = await createProducer({
        ...producerOptionsFromConfig(config, { redis, logger }),
        onEnqueued: () =>
          metrics.jobs.inc({ queue: 'parse', name: 'parse-report', outcome: 'enqueued' }),
      });
      context.stdout.write(
        `producer running (${config.producer.sources.join(', ')})` +
          `${producer.pushUrl ? `; push endpoint ${producer.pushUrl}` : ''}` +
          `${telemetry ? `; /metrics and /healthz at ${telemetry.url}` : ''}\n`,
      );
      const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
      logger.info({ signal }, 'stopping');
      await producer.close();
      return EXIT.ok;
    } finally {
      await telemetry?.close();
      redis?.disconnect();
    }
  },
};
