import type { AppConfig } from '@cuckoo-tc/config';
import { startDashboard } from '@cuckoo-tc/dashboard';
import { createProducer, producerOptionsFromConfig, type Producer } from '@cuckoo-tc/producer';
import { createRedisConnection, waitUntilReady } from '@cuckoo-tc/queues';
import type { Logger } from '@cuckoo-tc/telemetry';
import { createWorkers, type RunningWorkers } from '@cuckoo-tc/worker';

/** Options of {@link startOneBox}. */
export interface OneBoxOptions {
  config: AppConfig;
  logger: Logger;
  /** Serve Bull Board too. */
  dashboard: boolean;
}

/** Producer, workers and (optionally) the dashboard running in this process. */
export interface OneBox {
  producer: Producer;
  workers: RunningWorkers;
  dashboardUrl: string | null;
  /** Stops the producer first (nothing new comes in), then the workers, then the board. */
  close(): Promise<void>;
}

/** Starts every role in one process, for one-box installs (`cuckoo-tc run`) and the demo. */
export async function startOneBox(options: OneBoxOptions): Promise<OneBox> {
  const { config, logger } = options;
  const redis = createRedisConnection({
    url: config.redis.url,
    role: 'producer',
    connectionName: 'cuckoo-tc:run',
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis error'));
  await waitUntilReady(redis);
  const workers = await createWorkers({ config, logger: logger.child({ role: 'worker' }) });
  const producer = await createProducer(
    producerOptionsFromConfig(config, { redis, logger: logger.child({ role: 'producer' }) }),
  ).catch(async (error: unknown) => {
    await workers.close();
    redis.disconnect();
    throw error;
  });
  const board = options.dashboard
    ? await startDashboard({
        connection: redis,
        prefix: config.redis.prefix,
        host: config.dashboard.host,
        port: config.dashboard.port,
        credentials: config.dashboard,
        logger: logger.child({ role: 'dashboard' }),
      })
    : null;
  return {
    producer,
    workers,
    dashboardUrl: board?.url ?? null,
    async close() {
      await producer.close();
      await workers.close();
      await board?.close();
      redis.disconnect();
    },
  };
}
