// Operating the workers: the watchdog replaces a worker that stopped consuming, a stale cached
// indicator id (deleted in ThreatConnect) falls back to an upsert, /metrics and /healthz answer,
// and shutdown is bounded even while ThreatConnect hangs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createEmulator } from '@cuckoo-tc/tc-emulator';
import {
  associatedSummaries,
  deliver,
  enqueue,
  fileJob,
  incidentsOf,
  sleep,
  startPipeline,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');

async function scanKeys(p: Pipeline, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await p.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

describe('worker operations', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline | undefined;

  afterEach(async () => {
    await p?.stop();
    p = undefined;
  });

  it('the watchdog replaces a worker that has jobs waiting but consumes none', async () => {
    p = await startPipeline(redisUrl, { patch: c => (c.worker.watchdogSeconds = 1) });
    const running = await p.startWorkers();
    const stuck = running.worker('parse')!;
    await stuck.pause(true); // looks alive, takes nothing: what a lost blocking connection does
    const outcome = await deliver(p, fileJob(1, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    expect(running.worker('parse')).not.toBe(stuck);
    expect(running.worker('parse')?.isRunning()).toBe(true);
  });

  it('a cached id ThreatConnect no longer knows is upserted again', async () => {
    p = await startPipeline(redisUrl);
    await p.startWorkers();
    await deliver(p, fileJob(1, CUCKOO12));
    const reference = associatedSummaries(p.emulator, incidentsOf(p.emulator, 1)[0]!);
    // Point every cached id at an indicator that does not exist (deleted in ThreatConnect).
    const valueKeys = await scanKeys(p, `${p.prefix}:indicator-cache:*:v:*`);
    expect(valueKeys.length).toBeGreaterThan(0);
    for (const [n, key] of valueKeys.entries()) {
      const id = await p.redis.get(key);
      const base = key.slice(0, key.indexOf(':v:'));
      const indicator = await p.redis.get(`${base}:id:${id}`);
      const ghost = 90_000_000 + n;
      await p.redis.set(key, String(ghost), 'EX', 3600);
      await p.redis.set(`${base}:id:${ghost}`, indicator!, 'EX', 3600);
    }
    const outcome = await deliver(p, fileJob(2, CUCKOO12));
    expect(await outcome.associate?.getState(), outcome.associate?.failedReason).toBe('completed');
    expect(outcome.record?.cached).toBe(valueKeys.length);
    expect(associatedSummaries(p.emulator, incidentsOf(p.emulator, 2)[0]!)).toEqual(reference);
    for (const key of valueKeys) {
      expect(Number(await p.redis.get(key))).toBeLessThan(90_000_000);
    }
  });

  it('serves /metrics and /healthz with a Redis check', async () => {
    p = await startPipeline(redisUrl, {
      patch: c => {
        c.metrics.enabled = true;
        c.metrics.port = 0;
      },
    });
    const running = await p.startWorkers();
    await deliver(p, fileJob(1, CUCKOO12));
    const metrics = await (await fetch(`${running.telemetryUrl!}/metrics`)).text();
    expect(metrics).toMatch(/cuckoo_tc_jobs_total\{[^}]*queue="incidents"[^}]*outcome="completed"/);
    expect(metrics).toMatch(/cuckoo_tc_threatconnect_requests_total\{[^}]*status="201"/);
    expect(metrics).toMatch(/cuckoo_tc_indicators_total\{[^}]*outcome="created"/);
    expect(metrics).toMatch(/cuckoo_tc_dropped_candidates_total\{[^}]*reason="sandbox-network"/);
    const health = await fetch(`${running.telemetryUrl!}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, checks: { redis: { ok: true } } });
  });

  it('a telemetry port in use stops the start with the reason, before any job is taken', async () => {
    const blocker = createServer();
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      p = await startPipeline(redisUrl, {
        patch: c => {
          c.metrics.enabled = true;
          c.metrics.port = port;
        },
      });
      await enqueue(p, fileJob(1, CUCKOO12));
      await expect(p.startWorkers()).rejects.toThrow(/metrics port .* is already in use/);
      expect(await p.parse.getWaitingCount()).toBe(1);
    } finally {
      blocker.close();
    }
  });

  it('shutdown is bounded while ThreatConnect hangs; the job is left for another worker', async () => {
    const emulator = await createEmulator({ faults: { latencyMs: 60_000 } });
    try {
      p = await startPipeline(redisUrl, {
        emulator,
        patch: c => (c.worker.shutdownTimeoutSeconds = 1),
      });
      const running = await p.startWorkers();
      await enqueue(p, fileJob(1, CUCKOO12));
      while ((await p.incidents.getActiveCount()) === 0) {
        await sleep(50);
      }
      await running.close(); // would wait a minute for the hanging call without the bound
      expect(await p.incidents.getCompletedCount()).toBe(0);
      await p.stop();
      p = undefined;
    } finally {
      await emulator.close();
    }
  });
});
