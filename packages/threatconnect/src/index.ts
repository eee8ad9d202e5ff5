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
export { createRateLimiter } from './rate-limiter.js';
export type { RateLimiter, RateLimiterOptions, RateLimitSlot } from './rate-limiter.js';
export { createThrottleGate } from './throttle-gate.js';
export type { ThrottleGate, ThrottleGateOptions } from './throttle-gate.js';
export { createTcRedisKeys } from './redis-keys.js';
export type { TcRedisKeys } from './redis-keys.js';
export type { RedisLike } from './redis-script.js';
export { createThreatConnectClient } from './client.js';
export type { ThreatConnectClient, ThreatConnectClientOptions } from './client.js';
export type {
  TcAuth,
  TcClockSkewInfo,
  TcRequestInfo,
  TcResponseInfo,
  TcTransportOptions,
} from './transport-types.js';
export type {
  CreateIncidentInput,
  TcAttributeInput,
  TcFileOccurrenceInput,
  TcIndicatorCommon,
  TcIndicatorInput,
} from './tc-inputs.js';
export type {
  TcAttributeType,
  TcGroup,
  TcIndicator,
  TcOwner,
  TcSecurityLabel,
} from './tc-models.js';
export type { TcUpsertedIndicator } from './indicators.js';
export { formatEventDate, tqlString } from './groups.js';
