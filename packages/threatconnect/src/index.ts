// Public entry point of @cuckoo-tc/threatconnect: the ThreatConnect v3 client, its errors,
// request signing and the Redis-backed shared rate limit.
export { signRequest } from './sign-request.js';
export type { SignRequestInput } from './sign-request.js';
export { buildQueryString, encodeComponent, withQuery } from './url-encoding.js';
export type { QueryParam } from './url-encoding.js';
export { parseRetryAfter } from './retry-after.js';
export {
  ThreatConnectError,
  TcAuthError,
  TcBadResponseError,
  TcClockSkewError,
  TcExclusionListError,
  TcInvalidValueError,
  TcMissingMetadataError,
  TcRequestError,
  TcThrottledError,
  TcTransientError,
} from './errors.js';
export type {
  TcAuthReason,
  TcFailureContext,
  TcMetadataKind,
  TcMissingMetadata,
  TcThrottleSource,
} from './errors.js';
export {
  isTcAuthError,
  isTcBadResponseError,
  isTcClockSkewError,
  isTcExclusionListError,
  isTcInvalidValueError,
  isTcMissingMetadataError,
  isTcRequestError,
  isTcThrottledError,
  isTcTransientError,
  isThreatConnectError,
} from './error-guards.js';
export { defaultTcErrorMatchers, matchesAny, resolveTcErrorMatchers } from './error-matchers.js';
export type { TcErrorMatchers, TextMatcher } from './error-matchers.js';
export { classifyOutcome } from './classify-outcome.js';
export type { TcOutcome } from './classify-outcome.js';
