import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@cuckoo-tc/config';
import { startTelemetryServer, type Metrics, type TelemetryServer } from '@cuckoo-tc/telemetry';

/** Serves /metrics and /healthz (Redis answers PING, every worker running). */
export async function startWorkerTelemetry(
  config: AppConfig,
  metrics: Metrics,
  redis: Redis,
  workers: () => Worker[],
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
      const checks = {
        redis: pong,
        workers: { ok: running, detail: running ? 'running' : 'a worker is not running' },
      };
      return { ok: pong.ok && running, checks };
    },
  });
}
