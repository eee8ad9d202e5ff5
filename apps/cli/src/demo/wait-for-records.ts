import { readDeliveryRecord, type DeliveryRecord } from '@cuckoo-tc/worker';
import type { Redis } from 'ioredis';

const FINAL = new Set(['delivered', 'delivered-with-warnings', 'failed']);

/** Options of {@link waitForRecords}. */
export interface WaitForRecordsOptions {
  redis: Pick<Redis, 'hgetall'>;
  prefix: string;
  instance: string;
  taskIds: readonly number[];
  timeoutMs: number;
  pollMs?: number;
}

/** Polls the delivery records until every analysis reached a final state or the time is up. */
export async function waitForRecords(
  options: WaitForRecordsOptions,
): Promise<Map<number, DeliveryRecord | null>> {
  const deadline = Date.now() + options.timeoutMs;
  const records = new Map<number, DeliveryRecord | null>();
  for (;;) {
    for (const taskId of options.taskIds) {
      records.set(
        taskId,
        await readDeliveryRecord(options.redis, {
          prefix: options.prefix,
          instance: options.instance,
          taskId,
        }),
      );
    }
    const done = [...records.values()].every(
      record => record?.status != null && FINAL.has(record.status),
    );
    if (done || Date.now() > deadline) {
      return records;
    }
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 300));
  }
}
