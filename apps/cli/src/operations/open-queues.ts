import { QUEUE_NAMES, connectRedis, createQueue, type QueueName } from '@cuckoo-tc/queues';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Every catalog queue opened on one fail-fast connection, for an operator command. */
export interface OperatorQueues {
  redis: Redis;
  prefix: string;
  queues: Record<QueueName, Queue>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects without retrying (an operator command must answer, not wait for a Redis that is
 * away), then opens the three queues. Throws `RedisUnreachableError` with the URL (password
 * masked) and the cause (e.g. ECONNREFUSED) when Redis does not answer.
 */
export async function openOperatorQueues(
  url: string,
  prefix: string,
  command: string,
): Promise<OperatorQueues> {
  const redis = await connectRedis({
    url,
    role: 'producer',
    connectionName: `cuckoo-tc:${command}`,
    overrides: { retryStrategy: () => null, connectTimeout: CONNECT_TIMEOUT_MS },
    timeoutMs: CONNECT_TIMEOUT_MS,
  });
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
