import type { AppConfig } from '@cuckoo-tc/config';
import {
  createRateLimiter,
  createTcRedisKeys,
  createThreatConnectClient,
  createThrottleGate,
  type RedisLike,
  type TcAuth,
  type ThreatConnectClient,
  type ThreatConnectClientOptions,
} from '@cuckoo-tc/threatconnect';

/** The auth the configuration describes; a token wins over HMAC credentials. */
export function threatConnectAuth(config: AppConfig): TcAuth {
  const tc = config.threatconnect;
  if (tc.apiToken) {
    return { token: tc.apiToken };
  }
  return { accessId: tc.accessId ?? '', secretKey: tc.secretKey ?? '' };
}

/**
 * Builds the ThreatConnect client from configuration (checked with `requireThreatConnect`
 * first). With a Redis, requests go through the limiter and 429 gate shared by every process
 * of this API identity.
 */
export function threatConnectClientFromConfig(
  config: AppConfig,
  extra: { redis?: RedisLike } & Partial<ThreatConnectClientOptions> = {},
): ThreatConnectClient {
  const tc = config.threatconnect;
  const { redis, ...overrides } = extra;
  const auth = threatConnectAuth(config);
  const shared = redis
    ? (() => {
        const keys = createTcRedisKeys(
          config.redis.prefix,
          'token' in auth ? auth.token : auth.accessId,
        );
        return {
          limiter: createRateLimiter({
            redis,
            key: keys.rate,
            requestsPerSecond: tc.requestsPerSecond,
          }),
          gate: createThrottleGate({ redis, key: keys.gate }),
        };
      })()
    : {};
  return createThreatConnectClient({
    baseUrl: tc.apiUrl ?? '',
    owner: tc.owner ?? '',
    auth,
    timeoutMs: tc.timeoutMs,
    analysisIdAttributeType: config.incident.analysisIdAttribute,
    ...shared,
    ...overrides,
  });
}
