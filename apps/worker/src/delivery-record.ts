// The per-analysis delivery record: one Redis hash that every job of an analysis writes its part
// of, so an operator can ask "what happened to task N" long after the jobs were removed.
// Counters are kept per indicator chunk (`chunk.<n>` fields, overwritten on a re-run), never
// incremented, so at-least-once execution cannot double-count.
import { sanitizeInstance } from '@cuckoo-tc/queues';

/** The Redis commands the record needs (an ioredis client fits). */
export interface DeliveryRedis {
  hset(key: string, values: Record<string, string | number>): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hget(key: string, field: string): Promise<string | null>;
  hincrby(key: string, field: string, increment: number): Promise<number>;
  expire(key: string, seconds: number): Promise<number>;
}

/** Where one analysis' record lives. */
export interface DeliveryRecordRef {
  /** BullMQ / product key prefix (`redis.prefix`). */
  prefix: string;
  instance: string;
  taskId: number;
}

/** Delivery state, from parse to association. */
export type DeliveryStatus =
  'parsed' | 'incident-ready' | 'delivered' | 'delivered-with-warnings' | 'failed';

/** What one indicator chunk did. */
export interface ChunkOutcome {
  created: number;
  cached: number;
  skipped: Record<string, number>;
}

/** The delivery of one analysis as `cuckoo-tc status --analysis` shows it. */
export interface DeliveryRecord {
  instance: string;
  taskId: number;
  status: DeliveryStatus | null;
  version: string | null;
  xid: string | null;
  incidentId: number | null;
  webLink: string | null;
  /** False when the incident already existed (found by xid or by analysis id). */
  incidentCreated: boolean | null;
  /** Indicators decided by the parse job (to send). */
  indicators: number;
  /** Candidates dropped by filters, by reason. */
  dropped: Record<string, number>;
  /** Indicators upserted in ThreatConnect. */
  created: number;
  /** Indicators whose id came from the cross-analysis cache (no call). */
  cached: number;
  /** Indicators ThreatConnect did not take, by reason (exclusion list, invalid value...). */
  skipped: Record<string, number>;
  /** Indicators associated with the incident by the last association run. */
  associated: number;
  /** Indicator chunks that failed for good (job id and reason). */
  failedChunks: { job: string; reason: string }[];
  /** Processor runs per job name (retries and re-runs included). */
  attempts: Record<string, number>;
  /** ISO times: enqueuedAt, parsedAt, incidentAt, deliveredAt, failedAt. */
  timings: Record<string, string>;
  /** Report read + parse time, ms. */
  parseMs: number | null;
  lastError: string | null;
  /** Things the operator should fix although the delivery went on (BUG-18). */
  warnings: string[];
}

/** The record's key: `<prefix>:delivery:<instance>:<taskId>`. */
export function deliveryKey(ref: DeliveryRecordRef): string {
  return `${ref.prefix}:delivery:${sanitizeInstance(ref.instance)}:${ref.taskId}`;
}

/** Records are kept this long after their last write. */
export const DELIVERY_RECORD_TTL_SECONDS = 30 * 24 * 3600;

/** Writes fields (plain values; objects as JSON) and refreshes the TTL. */
export async function writeDelivery(
  redis: DeliveryRedis,
  ref: DeliveryRecordRef,
  fields: Record<string, string | number | boolean | object | null>,
): Promise<void> {
  const key = deliveryKey(ref);
  const values: Record<string, string> = {
    instance: ref.instance,
    taskId: String(ref.taskId),
  };
  for (const [name, value] of Object.entries(fields)) {
    values[name] =
      value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  await redis.hset(key, values);
  await redis.expire(key, DELIVERY_RECORD_TTL_SECONDS);
}

/** The Redis commands {@link dropOtherVersionChunks} needs besides the record's own. */
export interface VersionRedis extends DeliveryRedis {
  hkeys(key: string): Promise<string[]>;
  hdel(key: string, ...fields: string[]): Promise<number>;
}

/**
 * Before a record takes report `version`: drops the indicator chunks of another version, which
 * may have been more, so their counts are not added to the new version's.
 */
export async function dropOtherVersionChunks(
  redis: VersionRedis,
  ref: DeliveryRecordRef,
  version: string,
): Promise<void> {
  const key = deliveryKey(ref);
  const recorded = await redis.hget(key, 'version');
  if (recorded === null || recorded === '' || recorded === version) {
    return;
  }
  const stale = (await redis.hkeys(key)).filter(field => field.startsWith('chunk.'));
  if (stale.length > 0) {
    await redis.hdel(key, ...stale);
  }
}

/** Counts one run of job `jobName` (retries and re-runs included). */
export async function countAttempt(
  redis: DeliveryRedis,
  ref: DeliveryRecordRef,
  jobName: string,
): Promise<void> {
  const key = deliveryKey(ref);
  await redis.hincrby(key, `attempts.${jobName}`, 1);
  await redis.expire(key, DELIVERY_RECORD_TTL_SECONDS);
}

/** Adds warnings (deduplicated) to the record. */
export async function addDeliveryWarnings(
  redis: DeliveryRedis,
  ref: DeliveryRecordRef,
  warnings: readonly string[],
): Promise<void> {
  if (warnings.length === 0) {
    return;
  }
  const current = parseJson<string[]>(await redis.hget(deliveryKey(ref), 'warnings'), []);
  const merged = [...new Set([...current, ...warnings])];
  await writeDelivery(redis, ref, { warnings: merged });
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') {
    return fallback;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined || text === '' || !Number.isFinite(Number(text)) ? null : Number(text);
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [reason, count] of Object.entries(from)) {
    into[reason] = (into[reason] ?? 0) + count;
  }
}

function sumChunks(hash: Record<string, string>): ChunkOutcome {
  const total: ChunkOutcome = { created: 0, cached: 0, skipped: {} };
  for (const [field, text] of Object.entries(hash)) {
    if (field.startsWith('chunk.')) {
      const chunk = parseJson<ChunkOutcome>(text, { created: 0, cached: 0, skipped: {} });
      total.created += chunk.created;
      total.cached += chunk.cached;
      addCounts(total.skipped, chunk.skipped);
    }
  }
  return total;
}

function prefixed(hash: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith(prefix) && value !== '') {
      out[field.slice(prefix.length)] = value;
    }
  }
  return out;
}

/** Turns the raw hash into a {@link DeliveryRecord}. Pure. */
export function decodeDelivery(
  ref: DeliveryRecordRef,
  hash: Record<string, string>,
): DeliveryRecord {
  const chunks = sumChunks(hash);
  const str = (name: string): string | null => (hash[name] ? hash[name] : null);
  const attempts = Object.fromEntries(
    Object.entries(prefixed(hash, 'attempts.')).map(([k, v]) => [k, Number(v)]),
  );
  const created = str('incidentCreated');
  return {
    instance: ref.instance,
    taskId: ref.taskId,
    status: str('status') as DeliveryStatus | null,
    version: str('version'),
    xid: str('xid'),
    incidentId: numberOrNull(hash.incidentId),
    webLink: str('webLink'),
    incidentCreated: created === null ? null : created === 'true',
    indicators: numberOrNull(hash.indicators) ?? 0,
    dropped: parseJson<Record<string, number>>(hash.dropped, {}),
    created: chunks.created,
    cached: chunks.cached,
    skipped: chunks.skipped,
    associated: numberOrNull(hash.associated) ?? 0,
    failedChunks: parseJson<{ job: string; reason: string }[]>(hash.failedChunks, []),
    attempts,
    timings: prefixed(hash, 'at.'),
    parseMs: numberOrNull(hash.parseMs),
    lastError: str('lastError'),
    warnings: parseJson<string[]>(hash.warnings, []),
  };
}

/**
 * Reads the delivery record of one analysis, or null when none exists (never delivered, or
 * older than {@link DELIVERY_RECORD_TTL_SECONDS}).
 */
export async function readDeliveryRecord(
  redis: Pick<DeliveryRedis, 'hgetall'>,
  ref: DeliveryRecordRef,
): Promise<DeliveryRecord | null> {
  const hash = await redis.hgetall(deliveryKey(ref));
  return Object.keys(hash).length === 0 ? null : decodeDelivery(ref, hash);
}
