import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { TcErrorMatchers } from './error-matchers.js';
import type { TcFailureContext } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ThrottleGate } from './throttle-gate.js';
import type { QueryParam } from './url-encoding.js';

/** HMAC credentials (Access ID + Secret Key) or an API token. */
export type TcAuth = { accessId: string; secretKey: string } | { token: string };

/** Passed to `onRequest` before each attempt (metrics). */
export interface TcRequestInfo {
  method: string;
  /** Route pattern such as `/v3/indicators/{summary}`; never a value or a secret. */
  route: string;
}

/** Passed to `onResponse` after each attempt (metrics). */
export interface TcResponseInfo extends TcRequestInfo {
  /** HTTP status, null when no response arrived. */
  status: number | null;
  durationMs: number;
  /** Error class name when the attempt failed. */
  errorName: string | null;
}

/** Passed to `onClockSkew` when ThreatConnect refused our Timestamp. */
export interface TcClockSkewInfo extends TcRequestInfo {
  /** Server clock minus ours (ms) from the response Date header; null when absent. */
  offsetMs: number | null;
  /** The offset now applied to every Timestamp we sign. */
  appliedOffsetMs: number;
}

/** Options for the transport under the client. */
export interface TcTransportOptions {
  /** Base URL including the API prefix, e.g. `https://tc.example.org/api`. */
  baseUrl: string;
  auth: TcAuth;
  /** Per-attempt timeout. @defaultValue 30000 */
  timeoutMs?: number;
  /** Shared limiter awaited before every attempt. */
  limiter?: RateLimiter;
  /** Shared throttle gate awaited before every attempt and closed on 429. */
  gate?: ThrottleGate;
  /** Longest the client waits for a closed gate before throwing TcThrottledError. @defaultValue 60000 */
  maxGateWaitMs?: number;
  /** Message matchers (per-key replacements of the defaults). */
  matchers?: Partial<TcErrorMatchers>;
  /** Clock used for Timestamp headers and Retry-After dates. @defaultValue Date.now */
  now?: () => number;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  onRequest?: (info: TcRequestInfo) => void;
  onResponse?: (info: TcResponseInfo) => void;
  /** Called when a Timestamp was refused and the request re-signed (an operator should fix NTP). */
  onClockSkew?: (info: TcClockSkewInfo) => void;
}

/** One API call as the operations describe it. */
export interface TcCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Encoded path below the base URL, e.g. `/v3/indicators/http%3A%2F%2Fx`. */
  path: string;
  query?: readonly QueryParam[];
  route: string;
  body?: unknown;
  /** Owner addressed, for operator-facing messages. */
  owner?: string;
}

/** A successful answer. */
export interface TcReply {
  status: number;
  data: unknown;
  next: string | null;
  /** Method and path, to build TcBadResponseError for missing fields. */
  context: TcFailureContext;
}
