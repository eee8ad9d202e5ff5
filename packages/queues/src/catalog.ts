import type { JobsOptions } from 'bullmq';
import type {
  AssociatePayload,
  AssociateResult,
  CreateIncidentPayload,
  CreateIncidentResult,
  CreateIndicatorsPayload,
  CreateIndicatorsResult,
  ParseReportPayload,
  ParseReportResult,
} from './payloads.js';

/** BullMQ key prefix used when configuration sets none. Use `{cuckoo-tc}` on Redis Cluster. */
export const DEFAULT_PREFIX = 'cuckoo-tc';

/** The queue names. */
export const QUEUE_NAMES = {
  parse: 'parse',
  indicators: 'indicators',
  incidents: 'incidents',
} as const;

/** The job names. */
export const JOB_NAMES = {
  parseReport: 'parse-report',
  createIncident: 'create-incident',
  createIndicators: 'create-indicators',
  associate: 'associate',
} as const;

/** Name of the custom backoff strategy every catalog job uses (see `createBackoffStrategy`). */
export const BACKOFF_TYPE = 'jittered-exponential';

/** One queue's name. */
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Each job name with its queue, payload and result: the single source of those types. */
export interface JobCatalog {
  'parse-report': { queue: 'parse'; payload: ParseReportPayload; result: ParseReportResult };
  'create-incident': {
    queue: 'incidents';
    payload: CreateIncidentPayload;
    result: CreateIncidentResult;
  };
  'create-indicators': {
    queue: 'indicators';
    payload: CreateIndicatorsPayload;
    result: CreateIndicatorsResult;
  };
  associate: { queue: 'incidents'; payload: AssociatePayload; result: AssociateResult };
}

/** One job's name. */
export type JobName = keyof JobCatalog;
/** The payload type of job `N`. */
export type PayloadOf<N extends JobName> = JobCatalog[N]['payload'];
/** The result type of job `N`. */
export type ResultOf<N extends JobName> = JobCatalog[N]['result'];
/** The job names that live in queue `Q`. */
export type JobNameIn<Q extends QueueName> = {
  [N in JobName]: JobCatalog[N]['queue'] extends Q ? N : never;
}[JobName];

/** Queue of each job name (runtime twin of `JobCatalog`). */
export const JOB_QUEUE: { readonly [N in JobName]: JobCatalog[N]['queue'] } = {
  'parse-report': 'parse',
  'create-incident': 'incidents',
  'create-indicators': 'indicators',
  associate: 'incidents',
};

const DAY_SECONDS = 24 * 3600;

/** Failed jobs stay 14 days so operators can inspect and requeue them. */
const KEEP_FAILED = { age: 14 * DAY_SECONDS, count: 100_000 };
/** Completed jobs are only kept for the dashboard and the producer's idempotency window. */
const KEEP_COMPLETED = { age: 7 * DAY_SECONDS, count: 10_000 };

function defaults(attempts: number, delay: number): JobsOptions {
  return {
    attempts,
    backoff: { type: BACKOFF_TYPE, delay },
    removeOnComplete: { ...KEEP_COMPLETED },
    removeOnFail: { ...KEEP_FAILED },
  };
}

/**
 * Default options per job. Parsing reads a file that does not change between attempts, so few
 * attempts; ThreatConnect calls meet transient 5xx/timeouts, so more attempts, longer backoff
 * (429s do not spend attempts: see `throttleJob`).
 */
export const DEFAULT_JOB_OPTIONS: { readonly [N in JobName]: Readonly<JobsOptions> } = {
  'parse-report': defaults(3, 10_000),
  'create-incident': defaults(8, 5_000),
  'create-indicators': defaults(8, 5_000),
  associate: defaults(8, 5_000),
};

/** The default options of job `name`, merged with `overrides` (a fresh object each call). */
export function jobOptions(name: JobName, overrides: JobsOptions = {}): JobsOptions {
  return structuredClone({ ...DEFAULT_JOB_OPTIONS[name], ...overrides });
}
