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

/** Tunables of the per-job defaults (from configuration: `queues.*`, `threatconnect.retry.*`). */
export interface JobDefaultsSettings {
  /** Completed jobs are kept this long for the dashboard. @defaultValue 1 day */
  keepCompletedSeconds?: number;
  /** @defaultValue 10000 */
  keepCompletedCount?: number;
  /** Failed jobs are kept this long so operators can inspect and requeue them. @defaultValue 14 days */
  keepFailedSeconds?: number;
  /** @defaultValue 100000 */
  keepFailedCount?: number;
  /** @defaultValue 3 */
  parseAttempts?: number;
  /** @defaultValue 10000 */
  parseBaseDelayMs?: number;
  /** Attempts of the ThreatConnect-calling jobs. @defaultValue 8 */
  tcAttempts?: number;
  /** @defaultValue 2000 */
  tcBaseDelayMs?: number;
}

/** Default job options per job name. */
export type JobDefaults = { readonly [N in JobName]: Readonly<JobsOptions> };

/**
 * Builds the default options per job. Parsing reads a file that does not change between
 * attempts, so few attempts; ThreatConnect calls meet transient 5xx/timeouts, so more attempts
 * (429s spend none: see `throttleJob`).
 */
export function createJobDefaults(settings: JobDefaultsSettings = {}): JobDefaults {
  const retention = {
    removeOnComplete: {
      age: settings.keepCompletedSeconds ?? DAY_SECONDS,
      count: settings.keepCompletedCount ?? 10_000,
    },
    removeOnFail: {
      age: settings.keepFailedSeconds ?? 14 * DAY_SECONDS,
      count: settings.keepFailedCount ?? 100_000,
    },
  };
  const make = (attempts: number, delay: number): JobsOptions => ({
    attempts,
    backoff: { type: BACKOFF_TYPE, delay },
    ...structuredClone(retention),
  });
  const tc = (): JobsOptions => make(settings.tcAttempts ?? 8, settings.tcBaseDelayMs ?? 2_000);
  return {
    'parse-report': make(settings.parseAttempts ?? 3, settings.parseBaseDelayMs ?? 10_000),
    'create-incident': tc(),
    'create-indicators': tc(),
    associate: tc(),
  };
}

/** The defaults with no settings given. */
export const DEFAULT_JOB_OPTIONS: JobDefaults = createJobDefaults();

/** Options of job `name`: `defaults` merged with `overrides` (a fresh object each call). */
export function jobOptions(
  name: JobName,
  overrides: JobsOptions = {},
  defaults: JobDefaults = DEFAULT_JOB_OPTIONS,
): JobsOptions {
  return structuredClone({ ...defaults[name], ...overrides });
}
