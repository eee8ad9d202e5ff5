import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, ProducerLogger } from './logger.js';
import type { ParseEnqueuer, ReportCandidate } from './parse-enqueuer.js';
import { PeriodicSource } from './periodic-task.js';
import type { ProgressStore } from './progress-store.js';
import {
  endsLikeJsonObject,
  reportPathOf,
  statReport,
  type ReportFileState,
} from './report-file.js';

/** Options of {@link StorageScanner}. */
export interface StorageScannerOptions {
  /** Cuckoo/CAPE storage directory (holding `analyses/`). */
  storageDir: string;
  enqueuer: ParseEnqueuer;
  /** When given, the first scan loads the versions already enqueued (a restart re-reads nothing). */
  progress?: ProgressStore;
  /** @defaultValue 10 s */
  intervalMs?: number;
  /** Size and mtime must stay unchanged this long. @defaultValue 5 s */
  settleMs?: number;
  /** A stable report not ending in '}' is enqueued anyway after this long. @defaultValue 10 min */
  incompleteGraceMs?: number;
  /** Lower task ids are ignored. @defaultValue 0 */
  minTaskId?: number;
  clock?: Clock;
  logger: ProducerLogger;
}

const STAT_CONCURRENCY = 16;

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

interface Observation {
  size: number;
  mtimeMs: number;
  /** When this size/mtime was first seen. */
  since: number;
}

/**
 * Source (a): scans `<storage>/analyses/<id>/reports/report.json`. A report is enqueued once its
 * size and mtime stayed the same for a settle interval (Cuckoo writes it in place) and it ends
 * like a JSON object; a rewrite by reprocessing changes the version and is enqueued again. The
 * `latest` symlink and non-numeric entries are ignored: `latest` moves before reports exist.
 */
export class StorageScanner extends PeriodicSource {
  private readonly observations = new Map<number, Observation>();
  /** Versions known to be enqueued, so a steady storage costs stats, not Redis round trips. */
  private readonly done = new Map<number, string>();
  private readonly clock: Clock;
  private primed = false;

  constructor(private readonly options: StorageScannerOptions) {
    super({
      name: 'storage scan',
      intervalMs: options.intervalMs ?? 10_000,
      logger: options.logger,
    });
    this.clock = options.clock ?? Date.now;
  }

  protected override tick(): Promise<void> {
    return this.scan();
  }

  /** One scan: observe every report, enqueue the stable new versions. */
  async scan(): Promise<void> {
    const ids = await this.taskIds();
    if (!this.primed) {
      await this.prime(ids);
    }
    const ready: ReportCandidate[] = [];
    // A few stats in flight at once: a farm's storage holds tens of thousands of analyses and
    // one-at-a-time stats leave the disk (often NFS) idle between round trips.
    await forEachLimited(ids, STAT_CONCURRENCY, async id => {
      const candidate = await this.observe(id);
      if (candidate !== undefined) {
        ready.push(candidate);
      }
    });
    if (ready.length === 0) {
      return;
    }
    ready.sort((a, b) => a.taskId - b.taskId);
    const outcomes = await this.options.enqueuer.enqueue(ready);
    for (const outcome of outcomes) {
      this.done.set(outcome.taskId, outcome.version);
      this.observations.delete(outcome.taskId);
    }
  }

  private async prime(ids: readonly number[]): Promise<void> {
    const progress = this.options.progress;
    if (progress !== undefined) {
      for (let i = 0; i < ids.length; i += 1000) {
        for (const [id, version] of await progress.enqueuedVersions(ids.slice(i, i + 1000))) {
          if (version !== undefined) {
            this.done.set(id, version);
          }
        }
      }
    }
    this.primed = true;
  }

  private async observe(id: number): Promise<ReportCandidate | undefined> {
    const state = await statReport(reportPathOf(this.options.storageDir, id));
    if (state === undefined) {
      this.observations.delete(id);
      return undefined;
    }
    if (this.done.get(id) === state.version || !(await this.isReady(id, state))) {
      return undefined;
    }
    return {
      taskId: id,
      version: state.version,
      report: { kind: 'file', path: state.path },
      trigger: 'scan',
    };
  }

  private async taskIds(): Promise<number[]> {
    const dir = path.join(this.options.storageDir, 'analyses');
    const entries = await readdir(dir, { withFileTypes: true });
    const min = this.options.minTaskId ?? 0;
    return entries
      .filter(e => e.isDirectory() && /^\d+$/.test(e.name))
      .map(e => Number(e.name))
      .filter(id => id >= min)
      .sort((a, b) => a - b);
  }

  private async isReady(id: number, state: ReportFileState): Promise<boolean> {
    const now = this.clock();
    const seen = this.observations.get(id);
    if (seen === undefined || seen.size !== state.size || seen.mtimeMs !== state.mtimeMs) {
      this.observations.set(id, { size: state.size, mtimeMs: state.mtimeMs, since: now });
      return false;
    }
    const stableFor = now - seen.since;
    if (stableFor < (this.options.settleMs ?? 5_000)) {
      return false;
    }
    if (await endsLikeJsonObject(state.path, state.size)) {
      return true;
    }
    const grace = this.options.incompleteGraceMs ?? 600_000;
    if (stableFor < grace) {
      return false;
    }
    this.options.logger.warn(
      { taskId: id, path: state.path, size: state.size },
      'report.json stopped changing but does not end like JSON; enqueued so the parse failure is visible',
    );
    return true;
  }
}
