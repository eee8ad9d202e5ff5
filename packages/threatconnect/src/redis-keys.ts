import { createHash } from 'node:crypto';

/** Redis keys shared by every process that uses one ThreatConnect API identity. */
export interface TcRedisKeys {
  /** Rate limiter state (next free slot). */
  rate: string;
  /** Throttle gate (closed while the key exists). */
  gate: string;
}

/**
 * Builds the keys for one API identity under `prefix`, e.g. `cuckoo-tc:tc:3f2a…:rate`. The
 * identity (access id or token) is hashed: neither it nor any secret ever appears in a key.
 */
export function createTcRedisKeys(prefix: string, identity: string): TcRedisKeys {
  const digest = createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 16);
  const base = `${prefix}:tc:${digest}`;
  return { rate: `${base}:rate`, gate: `${base}:gate` };
}
