import { Queue, type ConnectionOptions, type Job, type JobsOptions, type Worker } from 'bullmq';
import {
  DEFAULT_PREFIX,
  jobOptions,
  type JobDefaults,
  type JobName,
  type JobNameIn,
  type PayloadOf,
  type QueueName,
  type ResultOf,
} from './catalog.js';

/** A BullMQ Queue typed by the catalog: only queue `Q`'s job names, payloads and results. */
export type CatalogQueue<Q extends QueueName> = Queue<
  PayloadOf<JobNameIn<Q>>,
  ResultOf<JobNameIn<Q>>,
  JobNameIn<Q>
>;

/** A BullMQ Worker typed by the catalog for queue `Q`. */
export type CatalogWorker<Q extends QueueName> = Worker<
  PayloadOf<JobNameIn<Q>>,
  ResultOf<JobNameIn<Q>>,
  JobNameIn<Q>
>;

/** A BullMQ Job of catalog job `N`. */
export type CatalogJob<N extends JobName> = Job<PayloadOf<N>, ResultOf<N>, N>;

/** Options of {@link createQueue}. */
export interface CreateQueueOptions {
  /** An ioredis instance (see `createRedisConnection`) or connection options. */
  connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue `cuckoo-tc` */
  prefix?: string;
}

/** Opens catalog queue `name` with its typing. Per-job defaults are applied by {@link addJob}. */
export function createQueue<Q extends QueueName>(
  name: Q,
  options: CreateQueueOptions,
): CatalogQueue<Q> {
  return new Queue(name, {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_PREFIX,
  }) as CatalogQueue<Q>;
}

/**
 * Adds one job with the catalog's default options for its name. The name ties the payload
 * type, so `addJob(incidents, 'associate', createIncidentPayload)` does not compile, which a
 * plain `queue.add` on a queue holding two job kinds cannot guarantee.
 */
export async function addJob<Q extends QueueName, N extends JobNameIn<Q>>(
  queue: CatalogQueue<Q>,
  name: N,
  payload: PayloadOf<N>,
  overrides: JobsOptions = {},
  defaults?: JobDefaults,
): Promise<CatalogJob<N>> {
  const add = queue.add.bind(queue) as unknown as (
    n: N,
    d: PayloadOf<N>,
    o: JobsOptions,
  ) => Promise<CatalogJob<N>>;
  return add(name, payload, jobOptions(name, overrides, defaults));
}

/** Builds `addBulk` entries for job `name` with the catalog defaults. */
export function bulkEntries<N extends JobName>(
  name: N,
  items: readonly { payload: PayloadOf<N>; jobId: string }[],
  defaults?: JobDefaults,
): { name: N; data: PayloadOf<N>; opts: JobsOptions }[] {
  return items.map(item => ({
    name,
    data: item.payload,
    opts: jobOptions(name, { jobId: item.jobId }, defaults),
  }));
}
