// The worker process: BullMQ workers for the configured roles, their shared connections, client,
// cache and records, the watchdog, the telemetry server, and a bounded shutdown.
import { FlowProducer, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@cuckoo-tc/config';
import {
  QUEUE_NAMES,
  assertNoEviction,
  connectRedis,
  createBackoffStrategy,
  createQueue,
  createRedisConnection,
  type AnalysisRef,
  type QueueName,
} from '@cuckoo-tc/queues';
import {
  createMetrics,
  type Logger,
  type Metrics,
  type TelemetryServer,
} from '@cuckoo-tc/telemetry';
import { closeWorkersWithin } from './bounded-close.js';
import { createIndicatorCache } from './indicator-cache.js';
import { attachJobEvents } from './job-events.js';
import { parkOnShutdown } from './park-on-shutdown.js';
import { recordFailure } from './record-failure.js';
import { buildProcessors } from './processors.js';
import { startWorkerTelemetry, type HealthReport } from './worker-telemetry.js';
import { createWorkerClient, type WorkerClient } from './worker-client.js';
import { parseOptionsFromConfig } from './worker-settings.js';
import type { ParseReportOptions } from './process-parse-report.js';
import { startWatchdog, type WatchedWorker } from './watchdog.js';

/** A worker role: the queue it consumes. */
export type WorkerRole = QueueName;

/** What {@link createWorkers} needs. */
export interface CreateWorkersDeps {
  /** Loaded configuration (ThreatConnect settings checked with `requireThreatConnect`). */
  config: AppConfig;
  logger: Logger;
  /** Queues to consume. @defaultValue config.worker.roles */
  roles?: readonly WorkerRole[];
  /** @defaultValue fresh metrics */
  metrics?: Metrics;
  /** @defaultValue built from configuration */
  client?: WorkerClient;
  /** Serve /metrics and /healthz. @defaultValue config.metrics.enabled */
  telemetry?: boolean;
  /** More checks for /healthz, e.g. the producer's in a one-box process. */
  extraHealth?: { name: string; health: () => Promise<HealthReport> };
  /**
   * Look for incidents the old reporting module made (no xid) by their Analysis ID attribute
   * before creating one; false saves one call per analysis. @defaultValue config.incident.findLegacyIncidents
   */
  findLegacyIncidents?: boolean;
}

/** A running worker process. */
export interface RunningWorkers {
  readonly roles: readonly WorkerRole[];
  /** The current BullMQ worker of each role (the watchdog may replace one). */
  worker(role: WorkerRole): Worker | undefined;
  /** Base URL of /metrics and /healthz, null when not served. */
  readonly telemetryUrl: string | null;
  /** Stops taking jobs, lets active ones finish within worker.shutdownTimeoutSeconds, closes all. */
  close(): Promise<void>;
}

/** Jobs a rate-limited worker may start per second; high on purpose: the ThreatConnect limiter
 * paces requests. The option must exist for `queue.rateLimit` (429 pause) to be honoured. */
const LIMITER = { max: 100_000, duration: 1_000 };

/** Stalls (the worker holding the job died or froze) a job survives before it fails. BullMQ's
 * default of 1 lost the indicators of an analysis whose chunk was held by two workers killed in a
 * row (a rolling restart, an OOM kill); every job is idempotent, so re-running is safe, and a job
 * that kills its worker each time still stops after this many. */
const MAX_STALLS = 3;

interface Slot {
  role: WorkerRole;
  worker: Worker;
  /** The client given to `worker`, closed with it. */
  connection: Redis;
  active: number;
  lastActivity: number;
}

/** Starts the workers; refuses an evicting Redis (BUG-23) before consuming anything. */
export async function createWorkers(deps: CreateWorkersDeps): Promise<RunningWorkers> {
  const { config, logger } = deps;
  const roles = [...new Set(deps.roles ?? config.worker.roles)];
  const prefix = config.redis.prefix;
  const onError = (error: Error): void => logger.warn({ err: error.message }, 'redis error');
  // BullMQ reports the errors of a worker's own connection as 'worker error'. BullMQ 6 leaves
  // a client given as `connection` open when the worker closes: each one is disconnected with
  // its worker, or every watchdog restart would leave one open until exit.
  const connection = (name: string): Redis =>
    createRedisConnection({
      url: config.redis.url,
      role: 'worker',
      connectionName: `cuckoo-tc:worker:${name}`,
    });
  // Fails with one line when Redis cannot be reached, before anything else is opened.
  const redis = await connectRedis({
    url: config.redis.url,
    role: 'worker',
    connectionName: 'cuckoo-tc:worker:commands',
    onError,
  });
  let parseOptions: ParseReportOptions | null;
  try {
    await assertNoEviction(redis);
    // Read configuration files before anything runs, so a bad one stops the start cleanly.
    parseOptions = roles.includes('parse') ? await parseOptionsFromConfig(config) : null;
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const queues = {
    parse: createQueue(QUEUE_NAMES.parse, { connection: redis, prefix }),
    indicators: createQueue(QUEUE_NAMES.indicators, { connection: redis, prefix }),
    incidents: createQueue(QUEUE_NAMES.incidents, { connection: redis, prefix }),
  };
  const metrics =
    deps.metrics ??
    createMetrics({
      defaultLabels: { role: 'worker', instance: config.cuckoo.instance },
      collectQueueDepths: async () => {
        const out: { queue: string; state: string; count: number }[] = [];
        for (const [queue, q] of Object.entries(queues)) {
          const counts = await q.getJobCounts();
          for (const [state, count] of Object.entries(counts)) {
            out.push({ queue, state, count });
          }
        }
        return out;
      },
    });
  const tc = deps.client ?? createWorkerClient(config, redis, metrics);
  const flows = new FlowProducer({ connection: redis, prefix });
  const cache = createIndicatorCache({
    redis,
    prefix,
    scope: `${config.threatconnect.apiUrl ?? ''}\u0000${config.threatconnect.owner ?? ''}`,
    ttlSeconds: config.threatconnect.indicatorCacheTtlSeconds,
  });
  const processors = buildProcessors({
    redis,
    logger,
    metrics,
    prefix,
    client: tc.client,
    cache,
    throttle: {
      gate: tc.gate,
      budgetMs: config.threatconnect.throttle.maxWaitSeconds * 1000,
      pauseQueues: async ms => {
        // Never shorten a longer pause another job already set.
        const pause = async (q: (typeof queues)['incidents' | 'indicators']): Promise<void> => {
          if ((await q.getRateLimitTtl()) < ms) {
            await q.rateLimit(ms);
          }
        };
        await Promise.all([pause(queues.indicators), pause(queues.incidents)]);
      },
      onThrottled: (ms, job) => {
        metrics.tcWaitSeconds.inc({ kind: 'gate' }, ms / 1000);
        logger.info(
          {
            analysisId: `${job.data.instance}-${job.data.taskId}`,
            jobId: job.id,
            job: job.name,
            waitMs: ms,
          },
          'ThreatConnect throttled: job parked without spending an attempt',
        );
      },
    },
    parseOptions,
    addFlow: flow => flows.add(flow),
    createIncident: {
      findLegacyIncidents: deps.findLegacyIncidents ?? config.incident.findLegacyIncidents,
    },
  });
  const backoffStrategy = createBackoffStrategy({ maxMs: config.threatconnect.retry.maxDelayMs });
  const slots = new Map<WorkerRole, Slot>();

  // Set once close() starts: a watchdog restart finishing later must not start a worker that
  // close() never sees (it would keep consuming and hold the process open).
  let stopping = false;
  const makeWorker = (role: WorkerRole): Worker => {
    if (stopping) {
      throw new Error(`worker ${role} not restarted: the process is shutting down`);
    }
    const slot = slots.get(role);
    const processor: Processor = async (job: Job, token?: string, signal?: AbortSignal) => {
      const current = slots.get(role);
      if (current) {
        current.active++;
        current.lastActivity = Date.now();
      }
      try {
        return await parkOnShutdown(job, token, signal, () => processors[role](job, token, signal));
      } finally {
        if (current) {
          current.active--;
          current.lastActivity = Date.now();
        }
      }
    };
    const conn = connection(role);
    const worker = new Worker(role, processor, {
      connection: conn,
      prefix,
      concurrency: config.queues.concurrency[role],
      settings: { backoffStrategy },
      limiter: LIMITER,
      // Parsing a 1 GB report takes seconds of streaming; a longer lock avoids false stalls.
      lockDuration: config.worker.lockSeconds * 1000 * (role === 'parse' ? 4 : 1),
      stalledInterval: config.worker.lockSeconds * 1000,
      maxStalledCount: MAX_STALLS,
    });
    attachJobEvents(worker, {
      queue: role,
      logger,
      metrics,
      onFinalFailure: (job: Job<AnalysisRef>, err: Error) => recordFailure(redis, prefix, job, err),
    });
    if (slot) {
      slot.worker = worker;
      slot.connection = conn;
    }
    return worker;
  };

  let telemetry: TelemetryServer | null = null;
  try {
    if (deps.telemetry ?? config.metrics.enabled) {
      telemetry = await startWorkerTelemetry(
        config,
        metrics,
        redis,
        () => [...slots.values()].map(s => s.worker),
        deps.extraHealth,
      );
    }
  } catch (err) {
    // Nothing consumes yet: release what was opened so the process can exit.
    await flows.close();
    await Promise.all(Object.values(queues).map(q => q.close()));
    tc.client.close();
    redis.disconnect();
    throw err;
  }
  for (const role of roles) {
    slots.set(role, {
      role,
      worker: undefined as unknown as Worker,
      connection: undefined as unknown as Redis,
      active: 0,
      lastActivity: Date.now(),
    });
    makeWorker(role);
  }
  const stopWatchdog = startWatchdog(
    [...slots.values()].map((slot): WatchedWorker => ({
      name: slot.role,
      waiting: async () => {
        const counts = await queues[slot.role].getJobCounts('wait', 'prioritized');
        return (counts.wait ?? 0) + (counts.prioritized ?? 0);
      },
      held: async () =>
        (await queues[slot.role].isPaused()) || (await queues[slot.role].getRateLimitTtl()) > 0,
      lastActivity: () => slot.lastActivity,
      saturated: () => slot.active >= config.queues.concurrency[slot.role],
      restart: async () => {
        logger.warn(
          { queue: slot.role },
          'watchdog: worker consumed nothing while jobs waited; restarting it',
        );
        const old = slot.worker;
        const oldConnection = slot.connection;
        await closeWorkersWithin([old], 5_000);
        oldConnection.disconnect();
        slot.lastActivity = Date.now();
        makeWorker(slot.role);
      },
    })),
    {
      staleMs: config.worker.watchdogSeconds * 1000,
      onError: err => logger.warn({ err: String(err) }, 'watchdog check failed'),
    },
  );
  logger.info({ roles, prefix, telemetry: telemetry?.url ?? null }, 'worker started');

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    stopping = true;
    // A check already running may be restarting a worker: let it finish so its worker is closed.
    await stopWatchdog();
    const graceful = await closeWorkersWithin(
      [...slots.values()].map(s => s.worker),
      config.worker.shutdownTimeoutSeconds * 1000,
    );
    if (!graceful) {
      logger.warn('shutdown bound reached: active jobs aborted; the stall check will requeue them');
    }
    await telemetry?.close();
    await flows.close();
    await Promise.all(Object.values(queues).map(q => q.close()));
    tc.client.close();
    for (const conn of [...[...slots.values()].map(s => s.connection), redis]) {
      conn.disconnect();
    }
    logger.info('worker stopped');
  };
  return {
    roles,
    worker: role => slots.get(role)?.worker,
    telemetryUrl: telemetry?.url ?? null,
    close: () => (closing ??= close()),
  };
}
