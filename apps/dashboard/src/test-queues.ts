import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';

/** The catalog queues under a fresh prefix, for one test file; `cleanup` removes every key. */
export interface TestQueues {
  prefix: string;
  redis: Redis;
  queues: Queue[];
  byName(name: string): Queue;
  /** Puts one job into `failed` (attempts 1) with `message`, using a throwaway worker. */
  failedJob(queueName: string, message: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Opens the catalog queues on `url` under a unique prefix. */
export function openTestQueues(url: string, label: string): TestQueues {
  const prefix = uniquePrefix(label);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const queues = Object.values(QUEUE_NAMES).map(
    name => new Queue(name, { connection: redis, prefix }),
  );
  const byName = (name: string): Queue => {
    const queue = queues.find(candidate => candidate.name === name);
    if (!queue) {
      throw new Error(`no test queue ${name}`);
    }
    return queue;
  };
  return {
    prefix,
    redis,
    queues,
    byName,
    async failedJob(queueName, message) {
      const workerRedis = new Redis(url, { maxRetriesPerRequest: null });
      const job = await byName(queueName).add('test-job', { n: 1 }, { attempts: 1 });
      const worker = new Worker(
        queueName,
        async () => {
          throw new Error(message);
        },
        { connection: workerRedis, prefix, autorun: false },
      );
      const failed = new Promise<void>(resolve => worker.on('failed', () => resolve()));
      void worker.run();
      await failed;
      await worker.close();
      workerRedis.disconnect();
      return job.id as string;
    },
    async cleanup() {
      await Promise.all(queues.map(queue => queue.close()));
      redis.disconnect();
      await deleteKeysWithPrefix(url, prefix);
    },
  };
}
