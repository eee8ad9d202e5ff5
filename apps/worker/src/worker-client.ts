// The ThreatConnect client of a worker process: the limiter and 429 gate shared by every process
// of the same API identity, and request metrics.
import type { AppConfig } from '@cuckoo-tc/config';
import type { Metrics } from '@cuckoo-tc/telemetry';
import {
  createRateLimiter,
  createTcRedisKeys,
  createThreatConnectClient,
  createThrottleGate,
  type RedisLike,
  type TcRedisKeys,
  type TcAuth,
  type ThreatConnectClient,
  type ThreatConnectClientOptions,
  type ThrottleGate,
} from '@cuckoo-tc/threatconnect';

/** A client and the gate it closes on 429 (processors read its remaining time). */
export interface WorkerClient {
  client: ThreatConnectClient;
  gate: ThrottleGate;
}

function authOf(config: AppConfig): TcAuth {
  const tc = config.threatconnect;
  return tc.apiToken
    ? { token: tc.apiToken }
    : { accessId: tc.accessId ?? '', secretKey: tc.secretKey ?? '' };
}

/**
 * The Redis keys of this API identity's shared limiter and 429 gate (a token wins over HMAC
 * credentials, as in the client); null when no identity is configured. `status` reads the same.
 */
export function threatConnectKeysFromConfig(config: AppConfig): TcRedisKeys | null {
  const auth = authOf(config);
  const identity = 'token' in auth ? auth.token : auth.accessId;
  return identity ? createTcRedisKeys(config.redis.prefix, identity) : null;
}

/**
 * The client options every process derives from configuration (checked with
 * `requireThreatConnect` first): where, as whom, for which owner. A token wins over HMAC.
 */
export function threatConnectOptionsFromConfig(config: AppConfig): ThreatConnectClientOptions {
  const tc = config.threatconnect;
  return {
    baseUrl: tc.apiUrl ?? '',
    owner: tc.owner ?? '',
    auth: authOf(config),
    timeoutMs: tc.timeoutMs,
    analysisIdAttributeType: config.incident.analysisIdAttribute,
  };
}

/**
 * Longest a call sleeps on a closed gate inside a job; longer waits park the job in delayed
 * instead, so throttled jobs do not hold worker slots.
 */
const MAX_IN_JOB_GATE_WAIT_MS = 2_000;

/** Builds the client (configuration checked with `requireThreatConnect` first). */
export function createWorkerClient(
  config: AppConfig,
  redis: RedisLike,
  metrics?: Metrics,
): WorkerClient {
  const options = threatConnectOptionsFromConfig(config);
  const keys = threatConnectKeysFromConfig(config);
  if (keys === null) {
    throw new Error('no ThreatConnect identity configured (check requireThreatConnect first)');
  }
  const gate = createThrottleGate({ redis, key: keys.gate });
  const client = createThreatConnectClient({
    ...options,
    limiter: createRateLimiter({
      redis,
      key: keys.rate,
      requestsPerSecond: config.threatconnect.requestsPerSecond,
    }),
    gate,
    maxGateWaitMs: MAX_IN_JOB_GATE_WAIT_MS,
    onResponse: info => {
      metrics?.tcRequests.inc({
        method: info.method,
        route: info.route,
        status: info.status === null ? 'error' : String(info.status),
      });
      if (info.status === 429) {
        metrics?.tcThrottled.inc();
      }
    },
  });
  return { client, gate };
}
