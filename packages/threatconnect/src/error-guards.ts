import {
  TcAuthError,
  TcBadResponseError,
  TcClockSkewError,
  TcExclusionListError,
  TcInvalidValueError,
  TcMissingMetadataError,
  TcRequestError,
  TcThrottledError,
  TcTransientError,
  ThreatConnectError,
} from './errors.js';

// Guards also match by `name`, because an error that crossed a process boundary (BullMQ
// sandbox, a job's stored failure) is a plain object with the same name and fields.
type Ctor<T> = abstract new (...args: never[]) => T;

function guard<T>(ctor: Ctor<T>, name: string): (err: unknown) => err is T {
  return (err: unknown): err is T =>
    err instanceof ctor ||
    (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name);
}

const allNames = new Set([
  'ThreatConnectError',
  'TcExclusionListError',
  'TcInvalidValueError',
  'TcAuthError',
  'TcClockSkewError',
  'TcMissingMetadataError',
  'TcThrottledError',
  'TcTransientError',
  'TcBadResponseError',
  'TcRequestError',
]);

/** True for any error of this package's hierarchy (by class or by name). */
export function isThreatConnectError(err: unknown): err is ThreatConnectError {
  if (err instanceof ThreatConnectError) {
    return true;
  }
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : null;
  return typeof name === 'string' && allNames.has(name);
}

/** True for {@link TcExclusionListError}. */
export const isTcExclusionListError = guard(TcExclusionListError, 'TcExclusionListError');
/** True for {@link TcInvalidValueError}. */
export const isTcInvalidValueError = guard(TcInvalidValueError, 'TcInvalidValueError');
/** True for {@link TcAuthError}. */
export const isTcAuthError = guard(TcAuthError, 'TcAuthError');
/** True for {@link TcClockSkewError}. */
export const isTcClockSkewError = guard(TcClockSkewError, 'TcClockSkewError');
/** True for {@link TcMissingMetadataError}. */
export const isTcMissingMetadataError = guard(TcMissingMetadataError, 'TcMissingMetadataError');
/** True for {@link TcThrottledError}. */
export const isTcThrottledError = guard(TcThrottledError, 'TcThrottledError');
/** True for {@link TcTransientError}. */
export const isTcTransientError = guard(TcTransientError, 'TcTransientError');
/** True for {@link TcBadResponseError}. */
export const isTcBadResponseError = guard(TcBadResponseError, 'TcBadResponseError');
/** True for {@link TcRequestError}. */
export const isTcRequestError = guard(TcRequestError, 'TcRequestError');
