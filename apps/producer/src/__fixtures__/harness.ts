// Test harness: a unique Redis prefix, a temporary Cuckoo storage directory and the enqueue tools.
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisConnection } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import type { Redis } from 'ioredis';
import {
  createEnqueueTools,
  type EnqueueTools,
  type EnqueueToolsOptions,
} from '../enqueue-tools.js';
import { silentLogger, type ProducerLogger } from '../logger.js';

export const REPORT = (id: number): string =>
  `${JSON.stringify({ info: { id, version: '2.0.7' }, network: {} }, null, 2)}\n`;

export interface Harness {
  url: string;
  prefix: string;
  redis: Redis;
  storageDir: string;
  /** Mutable clock for settle logic. */
  clock: { now: number; tick: () => number };
  warnings: string[];
  logger: ProducerLogger;
  writeReport(id: number, content?: string, mtimeSeconds?: number): Promise<string>;
  tools(overrides?: Partial<EnqueueToolsOptions>): Promise<EnqueueTools>;
  parseJobIds(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function createHarness(url: string): Promise<Harness> {
  const prefix = uniquePrefix('producer');
  const redis = createRedisConnection({ url, role: 'producer' });
  const storageDir = await mkdtemp(path.join(tmpdir(), 'cuckoo-storage-'));
  await mkdir(path.join(storageDir, 'analyses'));
  const clock = { now: 1_700_000_000_000, tick: () => clock.now };
  const warnings: string[] = [];
  const opened: EnqueueTools[] = [];
  const logger: ProducerLogger = {
    ...silentLogger,
    warn: (_f, message) => void warnings.push(message),
  };
  const harness: Harness = {
    url,
    prefix,
    redis,
    storageDir,
    clock,
    warnings,
    logger,
    async writeReport(id, content = REPORT(id), mtimeSeconds) {
      const dir = path.join(storageDir, 'analyses', String(id), 'reports');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, 'report.json');
      await writeFile(file, content);
      if (mtimeSeconds !== undefined) {
        await utimes(file, mtimeSeconds, mtimeSeconds);
      }
      return file;
    },
    async tools(overrides = {}) {
      const tools = await createEnqueueTools({
        redis,
        prefix,
        instance: 'sandbox01',
        storageDir,
        clock: clock.tick,
        logger,
        ...overrides,
      });
      opened.push(tools);
      return tools;
    },
    async parseJobIds() {
      const tools = opened[0] ?? (await harness.tools());
      const jobs = await tools.parse.getJobs(['wait', 'delayed', 'completed', 'failed', 'active']);
      return jobs.map(j => j.id ?? '').sort();
    },
    async cleanup() {
      for (const tools of opened) {
        await tools.close();
      }
      redis.disconnect();
      await deleteKeysWithPrefix(url, prefix);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Adds the `latest` symlink and a non-numeric directory Cuckoo storage also holds. */
export async function addStorageNoise(storageDir: string, latestTarget: number): Promise<void> {
  const analyses = path.join(storageDir, 'analyses');
  await symlink(path.join(analyses, String(latestTarget)), path.join(analyses, 'latest'));
  await mkdir(path.join(analyses, 'notes', 'reports'), { recursive: true });
  await writeFile(path.join(analyses, 'notes', 'reports', 'report.json'), '{}');
}
