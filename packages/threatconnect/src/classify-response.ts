import { matchesAny, type TcErrorMatchers } from './error-matchers.js';
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
  type TcFailureContext,
  type ThreatConnectError,
} from './errors.js';
import { parseBody, readHeader, type ParsedBody, type TcResponseView } from './response-view.js';
import { parseRetryAfter } from './retry-after.js';

/** The success envelope every v3 answer carries. */
export interface TcEnvelope {
  status: 'Success';
  data: unknown;
  message?: string;
  next?: string;
  count?: number;
}

function contextOf(view: TcResponseView, parsed: ParsedBody): TcFailureContext {
  return { method: view.method, path: view.path, status: view.status, tcMessage: parsed.message };
}

/** Names quoted in a message ('Analysis ID' or "TLP:RED"), used when ThreatConnect names the culprit. */
export function quotedNames(message: string | null): string[] {
  if (!message) {
    return [];
  }
  return [...message.matchAll(/'([^']+)'|"([^"]+)"/g)].map(m => (m[1] ?? m[2]) as string);
}

function clientError(
  view: TcResponseView,
  parsed: ParsedBody,
  m: TcErrorMatchers,
): ThreatConnectError {
  const ctx = contextOf(view, parsed);
  const msg = parsed.message;
  const owner = view.owner ?? '(default owner)';
  if (matchesAny(msg, m.exclusionList)) {
    return new TcExclusionListError(ctx);
  }
  if (matchesAny(msg, m.missingAttributeType)) {
    return new TcMissingMetadataError(
      { kind: 'attribute-type', names: quotedNames(msg), owner },
      ctx,
    );
  }
  if (matchesAny(msg, m.missingSecurityLabel)) {
    return new TcMissingMetadataError(
      { kind: 'security-label', names: quotedNames(msg), owner },
      ctx,
    );
  }
  if (view.status === 401) {
    return new TcAuthError('credentials', ctx);
  }
  if (view.status === 403) {
    return new TcAuthError(matchesAny(msg, m.ownerNotFound) ? 'owner' : 'permission', ctx);
  }
  if (matchesAny(msg, m.invalidValue)) {
    return new TcInvalidValueError(ctx);
  }
  return new TcRequestError('ThreatConnect refused the request', ctx);
}

/**
 * Turns a non-success HTTP response into the matching error class. Pure. Status decides first;
 * message matchers refine it (their texts are configurable because real wording may differ).
 */
export function errorFromResponse(
  view: TcResponseView,
  matchers: TcErrorMatchers,
  nowMs: number,
): ThreatConnectError {
  const parsed = parseBody(view);
  const ctx = contextOf(view, parsed);
  const retryAfterMs = parseRetryAfter(readHeader(view, 'retry-after') || undefined, nowMs);
  if (matchesAny(parsed.message, matchers.notLicensed)) {
    return new TcAuthError('not-licensed', ctx);
  }
  if (view.status === 429 || (view.status === 503 && retryAfterMs !== null)) {
    return new TcThrottledError(retryAfterMs, 'server', ctx);
  }
  if (view.status === 401 && matchesAny(parsed.message, matchers.clockSkew)) {
    const serverDate = Date.parse(readHeader(view, 'date'));
    return new TcClockSkewError(Number.isNaN(serverDate) ? null : serverDate - nowMs, ctx);
  }
  if (view.status >= 500 || view.status === 408) {
    return new TcTransientError(
      view.status === 408
        ? 'ThreatConnect timed the request out'
        : 'ThreatConnect failed on its side',
      null,
      ctx,
    );
  }
  if (view.status >= 400) {
    return clientError(view, parsed, matchers);
  }
  return new TcBadResponseError(`status ${view.status} is not a result`, ctx);
}

/**
 * Accepts a response only when it is 2xx, `application/json`, a JSON object with
 * `status: "Success"`; anything else becomes the error {@link errorFromResponse} chooses.
 */
export function readEnvelope(
  view: TcResponseView,
  matchers: TcErrorMatchers,
  nowMs: number,
): TcEnvelope {
  if (view.status < 200 || view.status > 299) {
    throw errorFromResponse(view, matchers, nowMs);
  }
  const parsed = parseBody(view);
  const ctx = contextOf(view, parsed);
  if (!parsed.isJsonContentType) {
    const type = readHeader(view, 'content-type') || 'none';
    throw new TcBadResponseError(
      `content type ${JSON.stringify(type)} instead of application/json`,
      ctx,
    );
  }
  if (parsed.json === null) {
    throw new TcBadResponseError('body is not a JSON object', ctx);
  }
  if (parsed.json.status !== 'Success') {
    throw new TcBadResponseError(`envelope status ${JSON.stringify(parsed.json.status)}`, ctx);
  }
  return parsed.json as unknown as TcEnvelope;
}
