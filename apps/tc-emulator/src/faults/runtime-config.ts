// The settings that can change while running (rate limit and faults), with patch merging:
// a field set to 0 or null turns its fault off, absent fields stay as they are.
import type {
  EmulatorConfigPatch,
  FaultOptions,
  RateLimitOptions,
  RetryAfterFormat,
} from '../options.js';

/** Resolved fault settings. */
export interface FaultSettings {
  errorRate: number;
  errorStatuses: number[];
  latencyMs: number;
  dropRate: number;
  timeoutRate: number;
  lostResponseRate: number;
  failNext: { count: number; status: number; retryAfter: number | null } | null;
  routes: string[] | null;
}

/** Resolved runtime settings. */
export interface RuntimeConfig {
  rateLimit: {
    requestsPerSecond: number | null;
    burst: number | null;
    retryAfter: RetryAfterFormat;
  };
  faults: FaultSettings;
}

/** Everything off. */
export const QUIET_CONFIG: RuntimeConfig = {
  rateLimit: { requestsPerSecond: null, burst: null, retryAfter: 'seconds' },
  faults: {
    errorRate: 0,
    errorStatuses: [500, 502, 503, 504],
    latencyMs: 0,
    dropRate: 0,
    timeoutRate: 0,
    lostResponseRate: 0,
    failNext: null,
    routes: null,
  },
};

function share(name: string, value: number | null | undefined, current: number): number {
  if (value === undefined) {
    return current;
  }
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new Error(`faults.${name} must be a number between 0 and 1`);
  }
  return v;
}

function mergeRateLimit(current: RuntimeConfig['rateLimit'], patch: RateLimitOptions | null) {
  if (patch === null) {
    return { ...QUIET_CONFIG.rateLimit };
  }
  const rps =
    patch.requestsPerSecond === undefined ? current.requestsPerSecond : patch.requestsPerSecond;
  if (rps !== null && (typeof rps !== 'number' || !(rps >= 0))) {
    throw new Error('rateLimit.requestsPerSecond must be a positive number, 0 or null');
  }
  const burst = patch.burst === undefined ? current.burst : patch.burst;
  if (burst !== null && (typeof burst !== 'number' || !(burst >= 1))) {
    throw new Error('rateLimit.burst must be a number of at least 1, or null');
  }
  const retryAfter = patch.retryAfter ?? current.retryAfter;
  if (!['seconds', 'http-date', 'none'].includes(retryAfter)) {
    throw new Error('rateLimit.retryAfter must be seconds, http-date or none');
  }
  return { requestsPerSecond: rps === 0 ? null : rps, burst, retryAfter };
}

function mergeFailNext(patch: FaultOptions['failNext'], current: FaultSettings['failNext']) {
  if (patch === undefined) {
    return current;
  }
  if (patch === null || patch.count === 0) {
    return null;
  }
  if (
    !Number.isInteger(patch.count) ||
    patch.count < 0 ||
    !(patch.status >= 100 && patch.status <= 599)
  ) {
    throw new Error('faults.failNext needs a whole count and an HTTP status');
  }
  return { count: patch.count, status: patch.status, retryAfter: patch.retryAfter ?? null };
}

function mergeFaults(current: FaultSettings, patch: FaultOptions | null): FaultSettings {
  if (patch === null) {
    return { ...QUIET_CONFIG.faults };
  }
  const latency = patch.latencyMs === undefined ? current.latencyMs : (patch.latencyMs ?? 0);
  if (typeof latency !== 'number' || latency < 0) {
    throw new Error('faults.latencyMs must be a number of milliseconds');
  }
  return {
    errorRate: share('errorRate', patch.errorRate, current.errorRate),
    errorStatuses: patch.errorStatuses ?? current.errorStatuses,
    latencyMs: latency,
    dropRate: share('dropRate', patch.dropRate, current.dropRate),
    timeoutRate: share('timeoutRate', patch.timeoutRate, current.timeoutRate),
    lostResponseRate: share('lostResponseRate', patch.lostResponseRate, current.lostResponseRate),
    failNext: mergeFailNext(patch.failNext, current.failNext),
    routes: patch.routes === undefined ? current.routes : patch.routes,
  };
}

/** Applies a partial patch; throws a plain Error naming the bad field. */
export function patchRuntimeConfig(
  current: RuntimeConfig,
  patch: EmulatorConfigPatch,
): RuntimeConfig {
  return {
    rateLimit:
      patch.rateLimit === undefined
        ? current.rateLimit
        : mergeRateLimit(current.rateLimit, patch.rateLimit),
    faults: patch.faults === undefined ? current.faults : mergeFaults(current.faults, patch.faults),
  };
}
