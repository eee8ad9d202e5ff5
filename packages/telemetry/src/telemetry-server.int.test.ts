import { afterEach, describe, expect, it } from 'vitest';
import { isMetricsPortInUseError } from './errors.js';
import { createMetrics } from './metrics.js';
import type { HealthReport } from './telemetry-server.js';
import { startTelemetryServer, type TelemetryServer } from './telemetry-server.js';

let server: TelemetryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('telemetry server', () => {
  it('serves Prometheus metrics including queue depths collected on scrape', async () => {
    const metrics = createMetrics({
      defaultLabels: { role: 'worker' },
      processMetrics: false,
      collectQueueDepths: async () => [{ queue: 'parse', state: 'waiting', count: 7 }],
    });
    metrics.jobs.inc({ queue: 'parse', name: 'parse-report', outcome: 'completed' });
    metrics.tcRequests.inc({ method: 'POST', route: '/v3/indicators', status: '201' });
    server = await startTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      health: async () => ({ ok: true, checks: {} }),
    });
    const response = await fetch(`${server.url}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain(
      'cuckoo_tc_jobs_total{queue="parse",name="parse-report",outcome="completed",role="worker"} 1',
    );
    expect(text).toContain('cuckoo_tc_queue_jobs{queue="parse",state="waiting",role="worker"} 7');
    expect(text).toContain(
      'cuckoo_tc_threatconnect_requests_total{method="POST",route="/v3/indicators",status="201",role="worker"} 1',
    );
  });

  it('answers /healthz 200 when healthy and 503 with the failing check otherwise', async () => {
    let ok = true;
    const metrics = createMetrics({ processMetrics: false });
    server = await startTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      health: async () => ({
        ok,
        checks: { redis: { ok, detail: ok ? 'PONG' : 'connection refused' } },
      }),
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    ok = false;
    const sick = await fetch(`${server.url}/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toEqual({
      ok: false,
      checks: { redis: { ok: false, detail: 'connection refused' } },
    });
    expect((await fetch(`${server.url}/other`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a taken port with one line saying which setting to change', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const health = async (): Promise<HealthReport> => ({ ok: true, checks: {} });
    server = await startTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      health,
    });
    const port = Number(new URL(server.url).port);
    const error: unknown = await startTelemetryServer({
      host: '127.0.0.1',
      port,
      registry: metrics.registry,
      health,
    }).catch((err: unknown) => err);
    expect(isMetricsPortInUseError(error)).toBe(true);
    expect((error as Error).message).toBe(
      `metrics port 127.0.0.1:${port} is already in use (another cuckoo-tc process?): ` +
        'set metrics.port (CUCKOO_TC_METRICS_PORT) per process, or metrics.enabled=false',
    );
  });
});
