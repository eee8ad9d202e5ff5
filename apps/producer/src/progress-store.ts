import type { Redis } from 'ioredis';
import { sanitizeInstance } from '@cuckoo-tc/queues';

/** Polling state of the REST source, kept in Redis so a restart resumes where it stopped. */
export interface PollState {
  /** Every task id up to this one is resolved (enqueued or terminally failed). */
  cursor: number;
  /** Highest task id seen reported. */
  maxSeen: number;
  /** Newest `completed_on` seen (epoch seconds), the anchor of the list window. */
  newestCompletedOn: number;
  /** Window start (`completed_after`) of a listing cut short, to resume; 0 when none. */
  resumeAfter: number;
  /** Offset to resume that listing at; 0 when none. */
  resumeOffset: number;
}

/**
 * The producer's memory in Redis, under the BullMQ prefix: which report version of each task
 * was enqueued (so nothing is enqueued twice for one version), which tasks ended without a
 * report, and the polling cursor. Kept apart from job retention on purpose: completed jobs are
 * removed after a day, these markers are not.
 */
export class ProgressStore {
  private readonly base: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    instance: string,
  ) {
    this.base = `${prefix}:producer:${sanitizeInstance(instance)}`;
  }

  private get enqueuedKey(): string {
    return `${this.base}:enqueued`;
  }

  private get terminalKey(): string {
    return `${this.base}:terminal`;
  }

  private get pollKey(): string {
    return `${this.base}:poll`;
  }

  /** The enqueued version of each task id (undefined when never enqueued). */
  async enqueuedVersions(taskIds: readonly number[]): Promise<Map<number, string | undefined>> {
    const out = new Map<number, string | undefined>();
    if (taskIds.length === 0) {
      return out;
    }
    const values = await this.redis.hmget(this.enqueuedKey, ...taskIds.map(String));
    taskIds.forEach((id, i) => out.set(id, values[i] ?? undefined));
    return out;
  }

  /** Records that these versions were enqueued (called only after the jobs were added). */
  async markEnqueued(entries: readonly { taskId: number; version: string }[]): Promise<void> {
    if (entries.length > 0) {
      await this.redis.hset(
        this.enqueuedKey,
        Object.fromEntries(entries.map(e => [String(e.taskId), e.version])),
      );
    }
  }

  /** Records tasks that ended without a usable report (e.g. failed_analysis, deleted). */
  async markTerminal(entries: readonly { taskId: number; status: string }[]): Promise<void> {
    if (entries.length > 0) {
      await this.redis.hset(
        this.terminalKey,
        Object.fromEntries(entries.map(e => [String(e.taskId), e.status])),
      );
    }
  }

  /** Task ids among `taskIds` that are resolved: enqueued at some version, or terminal. */
  async resolved(taskIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    if (taskIds.length === 0) {
      return out;
    }
    const fields = taskIds.map(String);
    const [enqueued, terminal] = await Promise.all([
      this.redis.hmget(this.enqueuedKey, ...fields),
      this.redis.hmget(this.terminalKey, ...fields),
    ]);
    taskIds.forEach((id, i) => {
      if (enqueued[i] != null || terminal[i] != null) {
        out.add(id);
      }
    });
    return out;
  }

  /** The polling state (zeros on a first start). */
  async pollState(): Promise<PollState> {
    const raw = await this.redis.hgetall(this.pollKey);
    const num = (v: string | undefined): number => (v === undefined ? 0 : Number(v) || 0);
    return {
      cursor: num(raw.cursor),
      maxSeen: num(raw.maxSeen),
      newestCompletedOn: num(raw.newestCompletedOn),
      resumeAfter: num(raw.resumeAfter),
      resumeOffset: num(raw.resumeOffset),
    };
  }

  /** Saves the polling state. */
  async savePollState(state: PollState): Promise<void> {
    await this.redis.hset(this.pollKey, {
      cursor: String(state.cursor),
      maxSeen: String(state.maxSeen),
      newestCompletedOn: String(state.newestCompletedOn),
      resumeAfter: String(state.resumeAfter),
      resumeOffset: String(state.resumeOffset),
    });
  }
}
