/** Base class of every error raised by @cuckoo-tc/queues. */
export class QueuesError extends Error {
  override name = 'QueuesError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Raised when Redis may evict keys: queued analyses would vanish silently (BUG-23). */
export class EvictingRedisError extends QueuesError {
  override name = 'EvictingRedisError';
  /** The `maxmemory-policy` Redis reported. */
  readonly policy: string;
  constructor(message: string, policy: string) {
    super(message);
    this.policy = policy;
  }
}

/** Raised when Redis cannot be reached at start: one line with the URL (password masked) and cause. */
export class RedisUnreachableError extends QueuesError {
  override name = 'RedisUnreachableError';
}

/** Raised when a job id or prefix would be refused by BullMQ (':' inside, all digits, empty). */
export class InvalidJobIdError extends QueuesError {
  override name = 'InvalidJobIdError';
}

function hasName(err: unknown, names: readonly string[]): boolean {
  return err instanceof Error && names.includes(err.name);
}

/** True for any error of this package, also across realms (matched by name). */
export function isQueuesError(err: unknown): err is QueuesError {
  return (
    err instanceof QueuesError ||
    hasName(err, [
      'QueuesError',
      'EvictingRedisError',
      'InvalidJobIdError',
      'RedisUnreachableError',
    ])
  );
}

/** True when Redis was refused for an evicting `maxmemory-policy`. */
export function isEvictingRedisError(err: unknown): err is EvictingRedisError {
  return err instanceof EvictingRedisError || hasName(err, ['EvictingRedisError']);
}

/** True when a job id or prefix was refused. */
export function isInvalidJobIdError(err: unknown): err is InvalidJobIdError {
  return err instanceof InvalidJobIdError || hasName(err, ['InvalidJobIdError']);
}

/** True when Redis could not be reached at start. */
export function isRedisUnreachableError(err: unknown): err is RedisUnreachableError {
  return err instanceof RedisUnreachableError || hasName(err, ['RedisUnreachableError']);
}
