import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@cuckoo-tc/config';
import { startTelemetryServer, type Metrics, type TelemetryServer } from '@cuckoo-tc/telemetry';

/** What a check added to a worker's /healthz reports; `ok: false` makes it answer 503. */
export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/**
 * Serves /metrics and /healthz (Redis answers PING, every worker running, and `extra` when given,
 * its checks named `<name>.<check>`).
 */
export async function startWorkerTelemetry(
  config: AppConfig,
  metrics: Metrics,
  redis: Redis,
  workers: () => Worker[],
  extra?: { name: string; health: () => Promise<HealthReport> },
): Promise<TelemetryServer> {
  return startTelemetryServer({
    host: config.metrics.host,
    port: config.metrics.port,
    registry: metrics.registry,
    health: async () => {
      const pong = await Promise.race([
        redis.ping().then(
          reply => ({ ok: reply === 'PONG', detail: reply }),
          (err: unknown) => ({ ok: false, detail: String(err) }),
        ),
        new Promise<{ ok: boolean; detail: string }>(resolve =>
          setTimeout(() => resolve({ ok: false, detail: 'no answer within 2 s' }), 2_000).unref(),
        ),
      ]);
      const running = workers().every(w => w.isRunning());
      const checks: HealthReport['checks'] = {
        redis: pong,
        workers: { ok: running, detail: running ? 'running' : 'a worker is not running' },
      };
      if (extra) {
        const report = await extra.health().catch((err: unknown): HealthReport => ({
          ok: false,
          checks: { health: { ok: false, detail: String(err) } },
        }));
        for (const [name, check] of Object.entries(report.checks)) {
          checks[`${extra.name}.${name}`] = check;
        }
      }
      return { ok: Object.values(checks).every(c => c.ok), checks };
    },
  });
}
