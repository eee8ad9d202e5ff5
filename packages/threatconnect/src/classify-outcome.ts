import {
  isTcAuthError,
  isTcBadResponseError,
  isTcClockSkewError,
  isTcExclusionListError,
  isTcInvalidValueError,
  isTcMissingMetadataError,
  isTcRequestError,
  isTcThrottledError,
  isTcTransientError,
} from './error-guards.js';

/** What a worker should do with a failed ThreatConnect call. */
export type TcOutcome = 'skip-excluded' | 'skip-invalid' | 'permanent' | 'throttled' | 'transient';

/**
 * Maps any thrown value to a job outcome. Pure; works on errors rebuilt from their name (BullMQ
 * sandbox). Clock skew is transient (an NTP fix heals it, no credential is wrong); unknown
 * errors are transient so that bounded retries, not a silent drop, decide.
 */
export function classifyOutcome(err: unknown): TcOutcome {
  if (isTcExclusionListError(err)) {
    return 'skip-excluded';
  }
  if (isTcInvalidValueError(err)) {
    return 'skip-invalid';
  }
  if (isTcThrottledError(err)) {
    return 'throttled';
  }
  if (isTcTransientError(err) || isTcClockSkewError(err)) {
    return 'transient';
  }
  if (
    isTcAuthError(err) ||
    isTcMissingMetadataError(err) ||
    isTcRequestError(err) ||
    isTcBadResponseError(err)
  ) {
    return 'permanent';
  }
  return 'transient';
}
