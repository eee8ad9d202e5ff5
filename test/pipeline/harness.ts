// Test harness of the pipeline tests: a real Redis under a unique prefix, a real emulator, the
// real workers (in-process), and helpers to enqueue an analysis and wait for its outcome.
import { Job, type JobState } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig, type AppConfig } from '@cuckoo-tc/config';
import {
  addJob,
  associateJobId,
  createIncidentJobId,
  createQueue,
  parseJobId,
  type CatalogQueue,
  type ParseReportPayload,
} from '@cuckoo-tc/queues';
import {
  createEmulator,
  DEFAULT_USER,
  type Emulator,
  type GroupState,
} from '@cuckoo-tc/tc-emulator';
import { analysisXid } from '@cuckoo-tc/indicators';
import { createLogger, type Logger } from '@cuckoo-tc/telemetry';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import {
  createWorkers,
  readDeliveryRecord,
  type DeliveryRecord,
  type RunningWorkers,
} from '@cuckoo-tc/worker';

/** The sandbox instance name every test analysis uses. */
export const INSTANCE = 'lab';

/** Configuration of a test pipeline: small delays so retries stay quick. */
export async function testConfig(
  redisUrl: string,
  prefix: string,
  tcUrl: string,
  patch: (config: AppConfig) => void = () => undefined,
): Promise<AppConfig> {
  const { config } = await loadConfig({
    env: {
      REDIS_URL: redisUrl,
      TC_API_URL: tcUrl,
      TC_ACCESS_ID: DEFAULT_USER.accessId,
      TC_SECRET_KEY: DEFAULT_USER.secretKey,
      TC_OWNER: DEFAULT_USER.defaultOwner,
      CUCKOO_INSTANCE: INSTANCE,
    },
  });
  const c = structuredClone(config);
  c.redis.prefix = prefix;
  c.metrics.enabled = false;
  c.log.level = 'silent';
  c.filters.treatAsPublic = ['198.51.100.0/24', '203.0.113.0/24'];
  c.threatconnect.requestsPerSecond = 500;
  c.threatconnect.retry = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
  c.threatconnect.throttle.maxWaitSeconds = 60;
  c.worker.shutdownTimeoutSeconds = 5;
  patch(c);
  return c;
}

/** One running test pipeline. */
export interface Pipeline {
  prefix: string;
  config: AppConfig;
  emulator: Emulator;
  redis: Redis;
  parse: CatalogQueue<'parse'>;
  incidents: CatalogQueue<'incidents'>;
  indicators: CatalogQueue<'indicators'>;
  /** Started by {@link startWorkers}; null while stopped. */
  workers: RunningWorkers | null;
  startWorkers(): Promise<RunningWorkers>;
  stop(): Promise<void>;
}

/** Options of {@link startPipeline}. */
export interface PipelineOptions {
  patch?: (config: AppConfig) => void;
  /** An emulator to reuse (its state is not reset). */
  emulator?: Emulator;
  logger?: Logger;
}

/** Starts an emulator (unless given) and opens the queues; workers start with startWorkers(). */
export async function startPipeline(
  redisUrl: string,
  options: PipelineOptions = {},
): Promise<Pipeline> {
  const prefix = uniquePrefix('pipe');
  const emulator = options.emulator ?? (await createEmulator());
  const config = await testConfig(redisUrl, prefix, emulator.url, options.patch);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const logger = options.logger ?? createLogger({ name: 'worker', level: 'silent' });
  const pipeline: Pipeline = {
    prefix,
    config,
    emulator,
    redis,
    parse: createQueue('parse', { connection: redis, prefix }),
    incidents: createQueue('incidents', { connection: redis, prefix }),
    indicators: createQueue('indicators', { connection: redis, prefix }),
    workers: null,
    async startWorkers() {
      pipeline.workers = await createWorkers({ config, logger });
      return pipeline.workers;
    },
    async stop() {
      await pipeline.workers?.close();
      pipeline.workers = null;
      await Promise.all([
        pipeline.parse.close(),
        pipeline.incidents.close(),
        pipeline.indicators.close(),
      ]);
      redis.disconnect();
      if (!options.emulator) {
        await emulator.close();
      }
      await deleteKeysWithPrefix(redisUrl, prefix);
    },
  };
  return pipeline;
}

/** The parse payload of a report file. */
export function fileJob(taskId: number, path: string, version = 'v1'): ParseReportPayload {
  return {
    instance: INSTANCE,
    taskId,
    version,
    report: { kind: 'file', path },
    trigger: 'cli',
    enqueuedAt: new Date().toISOString(),
  };
}

/** Enqueues a parse job with its deterministic id; returns the id. */
export async function enqueue(p: Pipeline, payload: ParseReportPayload): Promise<string> {
  const jobId = parseJobId(payload.instance, payload.taskId, payload.version);
  await addJob(p.parse, 'parse-report', payload, { jobId });
  return jobId;
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Polls a job until it reaches one of `states`; throws after `timeoutMs` with its last state. */
export async function waitForJob(
  queue: CatalogQueue<'parse'> | CatalogQueue<'incidents'> | CatalogQueue<'indicators'>,
  jobId: string,
  states: readonly JobState[] = ['completed', 'failed'],
  timeoutMs = 60_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  let last: string = 'missing';
  while (Date.now() < deadline) {
    const job = await Job.fromId(queue as never, jobId);
    if (job) {
      last = await job.getState();
      if ((states as readonly string[]).includes(last)) {
        // Read it again: the copy above may predate the move (no failedReason, no returnvalue).
        return ((await Job.fromId(queue as never, jobId)) ?? job) as Job;
      }
    }
    await sleep(100);
  }
  throw new Error(`job ${jobId} still ${last} after ${timeoutMs} ms`);
}

/** What happened to one analysis. */
export interface Outcome {
  parse: Job;
  /** The flow root, when parsing added a flow. */
  associate: Job | null;
  record: DeliveryRecord | null;
}

/** Enqueues `payload` and waits until its parse job, then its flow root, finished. */
export async function deliver(
  p: Pipeline,
  payload: ParseReportPayload,
  timeoutMs = 60_000,
): Promise<Outcome> {
  const parse = await waitForJob(
    p.parse,
    await enqueue(p, payload),
    ['completed', 'failed'],
    timeoutMs,
  );
  const parseState = await parse.getState();
  const associate =
    parseState === 'completed'
      ? await waitForJob(
          p.incidents,
          associateJobId(payload.instance, payload.taskId, payload.version),
          ['completed', 'failed'],
          timeoutMs,
        )
      : null;
  const record = await readDeliveryRecord(p.redis, {
    prefix: p.prefix,
    instance: payload.instance,
    taskId: payload.taskId,
  });
  return { parse, associate, record };
}

/** The groups with the xid of task `taskId`. */
export function incidentsOf(emulator: Emulator, taskId: number): GroupState[] {
  const xid = analysisXid(INSTANCE, taskId);
  return emulator.state().groups.filter(g => g.xid === xid);
}

/** Summaries of the indicators associated with `group` (File hashes lower-cased). */
export function associatedSummaries(emulator: Emulator, group: GroupState): string[] {
  const byId = new Map(emulator.state().indicators.map(i => [i.id, i]));
  return group.associatedIndicatorIds
    .map(id => byId.get(id))
    .map(i =>
      i === undefined ? '<missing>' : i.type === 'File' ? i.summary.toLowerCase() : i.summary,
    )
    .sort();
}

export { createIncidentJobId, associateJobId, sleep };
