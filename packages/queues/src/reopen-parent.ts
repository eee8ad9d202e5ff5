/** The one Redis command the script needs (an ioredis client fits). */
export interface ScriptRedis {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** The part of a BullMQ Queue that names its keys. */
export interface QueueKeys {
  toKey(type: string): string;
}

// `job.retry()` puts a job straight into `wait`, even a flow parent whose children were just
// retried, so the parent would run before them and never see their results. BullMQ has no public
// call that puts a finished parent back into `waiting-children`, so this script does it, with the
// same key layout and fields BullMQ 6 uses: once the parent waits there, BullMQ's own
// child-completion code moves it to `wait` when its last pending child completes.
//
// It runs AFTER the failed children were retried (`job.retry` re-adds them to the parent's
// `:dependencies`). A child may complete in between: then the set is already empty and the
// script answers 0, and the caller retries the parent with `job.retry`.
const reopenLua = `
local jobKey, jobId = KEYS[1], ARGV[1]
if redis.call('EXISTS', jobKey) == 0 then return {-1, ''} end
local state
if redis.call('ZSCORE', KEYS[2], jobId) then state = 'failed'
elseif redis.call('ZSCORE', KEYS[3], jobId) then state = 'completed'
elseif redis.call('ZSCORE', KEYS[4], jobId) then return {2, 'waiting-children'}
elseif redis.call('LPOS', KEYS[5], jobId) then state = 'wait'
elseif redis.call('ZSCORE', KEYS[6], jobId) then state = 'prioritized'
else return {-3, ''} end
if redis.call('ZCARD', jobKey .. ':unsuccessful') > 0 then return {-9, state} end
if redis.call('SCARD', jobKey .. ':dependencies') == 0 then return {0, state} end
if state == 'wait' then redis.call('LREM', KEYS[5], 0, jobId)
elseif state == 'prioritized' then redis.call('ZREM', KEYS[6], jobId)
else
  redis.call('ZREM', state == 'failed' and KEYS[2] or KEYS[3], jobId)
  redis.call('HDEL', jobKey, 'finishedOn', 'processedOn', 'failedReason', 'returnvalue', 'atm', 'ats')
end
-- A parent failed lazily by a child (failParentOnFailure) carries a deferred failure that would
-- fail it again the moment it is picked up.
redis.call('HDEL', jobKey, 'defa')
redis.call('ZADD', KEYS[4], tonumber(ARGV[2]), jobId)
redis.call('XADD', KEYS[7], 'MAXLEN', '~', 10000, '*', 'event', 'waiting-children', 'jobId', jobId, 'prev', state)
return {1, state}
`;

/** What {@link reopenParent} did. */
export type ReopenParentOutcome =
  /** Moved to `waiting-children`: it runs once its pending children complete. */
  | 'reopened'
  /** It was already in `waiting-children`. */
  | 'already-waiting'
  /** It has no pending child (left untouched; a finished parent needs `job.retry`). */
  | 'no-pending-children'
  /** A child that fails its parent is still failed: retry that child first. */
  | 'failed-children'
  /** Active or delayed: left alone. */
  | 'busy'
  /** The job no longer exists. */
  | 'missing';

/** Result of {@link reopenParent}: the outcome and the state the parent was found in. */
export interface ReopenParentResult {
  outcome: ReopenParentOutcome;
  /** `failed`, `completed`, `wait`, `prioritized`, `waiting-children`, or '' when unknown. */
  previousState: string;
}

const OUTCOMES: Record<number, ReopenParentOutcome> = {
  1: 'reopened',
  2: 'already-waiting',
  0: 'no-pending-children',
  [-9]: 'failed-children',
  [-3]: 'busy',
  [-1]: 'missing',
};

/**
 * Puts flow parent `jobId` of `queue` back into `waiting-children` when it has pending children
 * (attempts reset, deferred failure cleared), atomically. Call it after retrying the children.
 * `redis` must reach the queue's Redis (e.g. the connection the Queue was opened with).
 */
export async function reopenParent(
  redis: ScriptRedis,
  queue: QueueKeys,
  jobId: string,
): Promise<ReopenParentResult> {
  const keys = [
    queue.toKey(jobId),
    queue.toKey('failed'),
    queue.toKey('completed'),
    queue.toKey('waiting-children'),
    queue.toKey('wait'),
    queue.toKey('prioritized'),
    queue.toKey('events'),
  ];
  const reply = (await redis.eval(reopenLua, keys.length, ...keys, jobId, Date.now())) as [
    number,
    string,
  ];
  return { outcome: OUTCOMES[reply[0]] ?? 'busy', previousState: reply[1] };
}
