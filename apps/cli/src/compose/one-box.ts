import type { AppConfig } from '@cuckoo-tc/config';
import { startDashboard } from '@cuckoo-tc/dashboard';
import { createProducer, producerOptionsFromConfig, type Producer } from '@cuckoo-tc/producer';
import { connectRedis } from '@cuckoo-tc/queues';
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

/**
 * Starts every role in one process, for one-box installs (`cuckoo-tc run`) and the demo. A role
 * that fails to start closes the ones already running, so the process can exit.
 */
export async function startOneBox(options: OneBoxOptions): Promise<OneBox> {
  const { config, logger } = options;
  const redis = await connectRedis({
    url: config.redis.url,
    role: 'producer',
    connectionName: 'cuckoo-tc:run',
    onError: (error: Error) => logger.warn({ err: error.message }, 'redis error'),
  });
  const started: (() => Promise<void>)[] = [async () => redis.disconnect()];
  const undo = async (error: unknown): Promise<never> => {
    for (const close of started.reverse()) {
      await close();
    }
    throw error;
  };
  // The producer starts after the workers; until then its check says so.
  let producerHealth: Producer['health'] = async () => ({
    ok: false,
    checks: { started: { ok: false, detail: 'starting' } },
  });
  const workers = await createWorkers({
    config,
    logger: logger.child({ role: 'worker' }),
    // One /healthz for the process: a source failing every tick must not look healthy.
    extraHealth: { name: 'producer', health: () => producerHealth() },
  }).catch(undo);
  started.push(() => workers.close());
  const producer = await createProducer(
    producerOptionsFromConfig(config, { redis, logger: logger.child({ role: 'producer' }) }),
  ).catch(undo);
  started.push(() => producer.close());
  producerHealth = () => producer.health();
  const board = options.dashboard
    ? await startDashboard({
        connection: redis,
        prefix: config.redis.prefix,
        host: config.dashboard.host,
        port: config.dashboard.port,
        credentials: config.dashboard,
        logger: logger.child({ role: 'dashboard' }),
      }).catch(undo)
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
