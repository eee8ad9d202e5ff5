import { maskUrlPassword } from '@cuckoo-tc/config';
import {
  QUEUE_NAMES,
  createQueue,
  createRedisConnection,
  waitUntilReady,
  type QueueName,
} from '@cuckoo-tc/queues';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Every catalog queue opened on one fail-fast connection, for an operator command. */
export interface OperatorQueues {
  redis: Redis;
  prefix: string;
  queues: Record<QueueName, Queue>;
  close(): Promise<void>;
}

/** Raised when Redis cannot be reached: the command prints it as one line, exit code 1. */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects without retrying (an operator command must answer, not wait for a Redis that is
 * away), then opens the three queues. Throws {@link RedisUnreachableError} with the URL
 * (password masked) when Redis does not answer.
 */
export async function openOperatorQueues(
  url: string,
  prefix: string,
  command: string,
): Promise<OperatorQueues> {
  const redis = createRedisConnection({
    url,
    role: 'producer',
    connectionName: `cuckoo-tc:${command}`,
    overrides: { lazyConnect: true, retryStrategy: () => null, connectTimeout: CONNECT_TIMEOUT_MS },
  });
  // Failures surface through connect(); without a listener ioredis would also print them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await waitUntilReady(redis, CONNECT_TIMEOUT_MS);
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachableError(
      `cannot reach Redis at ${maskUrlPassword(url)}: ${reason.split('\n')[0] ?? ''}`,
    );
  }
  const queues = Object.fromEntries(
    Object.values(QUEUE_NAMES).map(name => [
      name,
      createQueue(name, { connection: redis, prefix }),
    ]),
  ) as unknown as Record<QueueName, Queue>;
  return {
    redis,
    prefix,
    queues,
    async close() {
      await Promise.all(Object.values(queues).map(queue => queue.close()));
      redis.disconnect();
    },
  };
}

/** The queue names, in catalog order. */
export const queueNames = (): QueueName[] => Object.values(QUEUE_NAMES);
