// Batch jobs (v2 Batch API): configuration, status and errors of each job, in memory.
import { badRequest } from '../http/api-error.js';

/** Batch API limits and switches. */
export interface BatchSettings {
  enabled: boolean;
  /** Uploads above this many bytes are refused (400 Invalid). */
  maxUploadBytes: number;
  /** createAndUpload runs synchronously (answers Completed) up to this many bytes. */
  synchronousLimitBytes: number;
  maxIndicators: number;
}

/** Default limits (the documented 2,000,000 bytes and 25,000 indicators). */
export const DEFAULT_BATCH_SETTINGS: BatchSettings = {
  enabled: true,
  maxUploadBytes: 2_000_000,
  synchronousLimitBytes: 500_000,
  maxIndicators: 25_000,
};

/** A job's settings as sent to `POST /v2/batch`. */
export interface BatchConfig {
  owner: string;
  haltOnError: boolean;
  attributeWriteType: 'Append' | 'Replace' | 'Singleton' | 'Static';
  securityLabelWriteType: 'Append' | 'Replace';
  tagWriteType: 'Append' | 'Replace';
}

/** One entry of a job's error file. */
export interface BatchError {
  errorReason: string;
  errorSource: string;
}

/** Counters of a finished job. */
export interface BatchCounts {
  successIndicatorCount: number;
  errorIndicatorCount: number;
  successGroupCount: number;
  errorGroupCount: number;
  successAssociationCount: number;
  errorAssociationCount: number;
  unprocessCount: number;
}

/** One job. Status moves Created → Queued (upload) → Running → Completed (on polls). */
export interface BatchJob {
  id: number;
  config: BatchConfig;
  status: 'Created' | 'Queued' | 'Running' | 'Completed';
  counts: BatchCounts;
  errors: BatchError[];
}

/** The jobs of one emulator. */
export interface BatchJobs {
  settings: BatchSettings;
  create(config: BatchConfig): BatchJob;
  get(id: number): BatchJob | undefined;
  clear(): void;
}

/** Zeroed counters. */
export function emptyCounts(): BatchCounts {
  return {
    successIndicatorCount: 0,
    errorIndicatorCount: 0,
    successGroupCount: 0,
    errorGroupCount: 0,
    successAssociationCount: 0,
    errorAssociationCount: 0,
    unprocessCount: 0,
  };
}

/** Creates an empty job registry. */
export function createBatchJobs(settings: Partial<BatchSettings> = {}): BatchJobs {
  const jobs = new Map<number, BatchJob>();
  let nextId = 1;
  return {
    settings: { ...DEFAULT_BATCH_SETTINGS, ...settings },
    create(config) {
      const job: BatchJob = {
        id: nextId++,
        config,
        status: 'Created',
        counts: emptyCounts(),
        errors: [],
      };
      jobs.set(job.id, job);
      return job;
    },
    get: id => jobs.get(id),
    clear() {
      jobs.clear();
      nextId = 1;
    },
  };
}

function flag(value: unknown, field: string): boolean {
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw badRequest(`The ${field} field is required and must be true or false`);
}

function oneOf<T extends string>(value: unknown, field: string, allowed: T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw badRequest(`The ${field} field must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Checks a job configuration (booleans may come as "true"/"false"). Only Create is emulated. */
export function parseBatchConfig(body: Record<string, unknown>): BatchConfig {
  if (typeof body.owner !== 'string' || body.owner === '') {
    throw badRequest('The owner field is required');
  }
  oneOf(body.action, 'action', ['Create']);
  return {
    owner: body.owner,
    haltOnError: flag(body.haltOnError, 'haltOnError'),
    attributeWriteType: oneOf(body.attributeWriteType, 'attributeWriteType', [
      'Append',
      'Replace',
      'Singleton',
      'Static',
    ]),
    securityLabelWriteType: oneOf(
      body.securityLabelWriteType,
      'securityLabelWriteType',
      ['Append', 'Replace'],
      'Append',
    ),
    tagWriteType: oneOf(body.tagWriteType, 'tagWriteType', ['Append', 'Replace'], 'Append'),
  };
}
