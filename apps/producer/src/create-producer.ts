import { assertNoEviction, waitUntilReady } from '@cuckoo-tc/queues';
import { ApiPoller } from './api-poller.js';
import {
  createEnqueueTools,
  type EnqueueTools,
  type EnqueueToolsOptions,
} from './enqueue-tools.js';
import { ProducerError } from './errors.js';
import type { SourceHealth } from './periodic-task.js';
import { PushServer } from './push-server.js';
import { StorageScanner } from './storage-scanner.js';

/** A discovery source. */
export type ProducerSource = 'storage' | 'api' | 'push';

/** Options of {@link createProducer}. */
export interface ProducerOptions extends EnqueueToolsOptions {
  sources: readonly ProducerSource[];
  /** Storage scan: interval, settle time, grace for reports that never end like JSON. */
  scan?: { intervalMs?: number; settleMs?: number; incompleteGraceMs?: number };
  /** REST polling knobs. */
  poll?: {
    intervalMs?: number;
    pageSize?: number;
    lookbackSeconds?: number;
    taskChecksPerPoll?: number;
  };
  /** Push endpoint. */
  push?: { host?: string; port: number; token: string | null };
  /** Task ids below this are never enqueued by the sources. */
  minTaskId?: number;
}

/** A running producer. */
export interface Producer {
  /** Base URL of the push endpoint, when that source runs. */
  readonly pushUrl: string | undefined;
  /** The enqueue machinery (for `enqueue` and tests). */
  readonly tools: EnqueueTools;
  /** Redis and each periodic source, for `/healthz`. */
  health(): Promise<ProducerHealth>;
  /** Stops every source, then closes the queue. */
  close(): Promise<void>;
}

/** What `/healthz` of a producer reports; `ok: false` answers 503. */
export interface ProducerHealth {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** A started source as the producer tracks it. */
interface Service {
  name: ProducerSource;
  stop(): Promise<void>;
  health?: () => SourceHealth;
}

function requireSetting<T>(value: T | null | undefined, source: string, key: string): T {
  if (value === null || value === undefined || value === '') {
    throw new ProducerError(`producer source ${source} needs ${key}`);
  }
  return value;
}

/**
 * Starts the configured sources after refusing an evicting Redis. Restart safety lives in Redis
 * (versions enqueued, polling cursor), so closing and creating a producer again neither repeats
 * nor skips an analysis.
 */
export async function createProducer(options: ProducerOptions): Promise<Producer> {
  // Fail-fast connections refuse commands until ready, so wait before the first check.
  await waitUntilReady(options.redis);
  await assertNoEviction(options.redis);
  const tools = await createEnqueueTools(options);
  const services: Service[] = [];
  let pushUrl: string | undefined;
  try {
    if (options.sources.includes('storage')) {
      const scanner = new StorageScanner({
        storageDir: requireSetting(options.storageDir, 'storage', 'cuckoo.storageDir'),
        enqueuer: tools.enqueuer,
        progress: tools.progress,
        ...options.scan,
        minTaskId: options.minTaskId,
        clock: options.clock,
        logger: options.logger,
      });
      scanner.start();
      services.push({
        name: 'storage',
        stop: () => scanner.stop(),
        health: () => scanner.health(),
      });
    }
    if (options.sources.includes('api')) {
      const poller = new ApiPoller({
        api: requireSetting(tools.api, 'api', 'cuckoo.apiUrl'),
        enqueuer: tools.enqueuer,
        progress: tools.progress,
        resolver: tools.resolver,
        ...options.poll,
        minTaskId: options.minTaskId,
        logger: options.logger,
      });
      poller.start();
      services.push({ name: 'api', stop: () => poller.stop(), health: () => poller.health() });
    }
    if (options.sources.includes('push')) {
      const settings = requireSetting(options.push, 'push', 'producer.push');
      const server = new PushServer({
        ...settings,
        onTask: async taskId => {
          const candidate = await tools.resolver.resolve(taskId, 'push');
          const [outcome] = await tools.enqueuer.enqueue([candidate]);
          return outcome!;
        },
        isHealthy: async () => (await options.redis.ping()) === 'PONG',
        logger: options.logger,
      });
      pushUrl = await server.start();
      services.push({ name: 'push', stop: () => server.stop() });
    }
  } catch (err) {
    await stopAll(services, tools);
    throw err;
  }
  options.logger.info({ sources: options.sources, pushUrl }, 'producer started');
  return {
    pushUrl,
    tools,
    health: () => producerHealth(options, services),
    close: () => stopAll(services, tools),
  };
}

async function producerHealth(
  options: ProducerOptions,
  services: readonly Service[],
): Promise<ProducerHealth> {
  const redis = await Promise.race([
    options.redis.ping().then(
      reply => ({ ok: reply === 'PONG', detail: reply }),
      (err: unknown) => ({ ok: false, detail: String(err) }),
    ),
    new Promise<{ ok: boolean; detail: string }>(resolve =>
      setTimeout(() => resolve({ ok: false, detail: 'no answer within 2 s' }), 2_000).unref(),
    ),
  ]);
  const checks: ProducerHealth['checks'] = { redis };
  for (const service of services) {
    const h = service.health?.();
    if (h !== undefined) {
      checks[service.name] = { ok: h.ok, detail: h.lastError ?? 'running' };
    }
  }
  return { ok: Object.values(checks).every(c => c.ok), checks };
}

async function stopAll(services: readonly Service[], tools: EnqueueTools): Promise<void> {
  await Promise.allSettled(services.map(s => s.stop()));
  await tools.close();
}
