import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { MetricsPortInUseError } from './errors.js';

/** What `/healthz` reports; `ok: false` answers 503. */
export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Options for {@link startTelemetryServer}. */
export interface TelemetryServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  registry: Registry;
  health: () => Promise<HealthReport>;
}

/** A running telemetry server. */
export interface TelemetryServer {
  url: string;
  close(): Promise<void>;
}

async function answer(
  options: TelemetryServerOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET' }).end();
  } else if (path === '/metrics') {
    const body = await options.registry.metrics();
    res.writeHead(200, { 'Content-Type': options.registry.contentType }).end(body);
  } else if (path === '/healthz') {
    const report = await options.health().catch((error: unknown): HealthReport => ({
      ok: false,
      checks: { health: { ok: false, detail: String(error) } },
    }));
    res
      .writeHead(report.ok ? 200 : 503, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(report));
  } else {
    res
      .writeHead(404, { 'Content-Type': 'text/plain' })
      .end('not found: try /metrics or /healthz\n');
  }
}

function portInUse(options: TelemetryServerOptions, cause: Error): MetricsPortInUseError {
  return new MetricsPortInUseError(
    `metrics port ${options.host}:${options.port} is already in use (another cuckoo-tc process?): ` +
      'set metrics.port (CUCKOO_TC_METRICS_PORT) per process, or metrics.enabled=false',
    { cause },
  );
}

/** Serves `/metrics` (Prometheus text) and `/healthz` (JSON) for a long-running role. */
export async function startTelemetryServer(
  options: TelemetryServerOptions,
): Promise<TelemetryServer> {
  const server = http.createServer((req, res) => {
    answer(options, req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? portInUse(options, error) : error);
    });
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
