import type { AppConfig } from '@cuckoo-tc/config';
import { createThrottleGate, type RedisLike } from '@cuckoo-tc/threatconnect';
import { threatConnectKeysFromConfig } from '@cuckoo-tc/worker';

/** The shared ThreatConnect 429 gate as `status` shows it. */
export interface TcGateState {
  /** `closed` while every process of this API identity holds its requests back. */
  state: 'open' | 'closed' | 'unknown';
  /** Seconds until the gate opens (0 when open, null when unknown). */
  remainingSeconds: number | null;
  /** Why the state is unknown. */
  note?: string;
}

/**
 * Reads the gate from the key the client uses (prefix + hashed API identity, as in
 * `createTcRedisKeys`). The identity itself is never shown.
 */
export async function readTcGate(redis: RedisLike, config: AppConfig): Promise<TcGateState> {
  const keys = threatConnectKeysFromConfig(config);
  if (!keys) {
    return {
      state: 'unknown',
      remainingSeconds: null,
      note: 'no ThreatConnect identity configured',
    };
  }
  const waitMs = await createThrottleGate({ redis, key: keys.gate }).waitMs();
  return waitMs > 0
    ? { state: 'closed', remainingSeconds: Math.ceil(waitMs / 1000) }
    : { state: 'open', remainingSeconds: 0 };
}
