// The one error hierarchy of this package. Every field is an own enumerable property and
// every class sets `name`, so the errors survive BullMQ's sandbox serialisation (which keeps
// own properties and `name` but loses the prototype) and the isXxx guards still work there.

/** Where a failure happened and what ThreatConnect said; never holds a secret. */
export interface TcFailureContext {
  method: string;
  /** Request path without query string, e.g. `/api/v3/indicators`. */
  path: string;
  /** HTTP status, or null when no response arrived. */
  status?: number | null;
  /** ThreatConnect's own `message` (or a short body excerpt), null when there was none. */
  tcMessage?: string | null;
  cause?: unknown;
}

function describe(what: string, context: TcFailureContext): string {
  const status = context.status == null ? 'no response' : `HTTP ${context.status}`;
  const said = context.tcMessage ? `: ${JSON.stringify(context.tcMessage)}` : '';
  return `${what} (${context.method.toUpperCase()} ${context.path} -> ${status}${said})`;
}

/** Base class of every ThreatConnect client failure. */
export class ThreatConnectError extends Error {
  override name = 'ThreatConnectError';
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly tcMessage: string | null;

  constructor(what: string, context: TcFailureContext) {
    super(
      describe(what, context),
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    this.method = context.method.toUpperCase();
    this.path = context.path;
    this.status = context.status ?? null;
    this.tcMessage = context.tcMessage ?? null;
  }
}

/** The indicator is on a system or owner exclusion list; skip it, it will never be accepted. */
export class TcExclusionListError extends ThreatConnectError {
  override name = 'TcExclusionListError';
  constructor(context: TcFailureContext) {
    super('ThreatConnect refused the indicator: it is on an exclusion list', context);
  }
}

/** ThreatConnect rejected a value as invalid (`Please enter a valid ...`); skip it. */
export class TcInvalidValueError extends ThreatConnectError {
  override name = 'TcInvalidValueError';
  constructor(context: TcFailureContext) {
    super('ThreatConnect rejected the value as invalid', context);
  }
}

/** Why a {@link TcAuthError} happened. */
export type TcAuthReason = 'credentials' | 'permission' | 'owner' | 'not-licensed';

const authText: Record<TcAuthReason, string> = {
  credentials: 'ThreatConnect rejected the credentials (check access id, secret key or token)',
  permission: 'ThreatConnect denied access (check the API user’s role and owner membership)',
  owner: 'ThreatConnect does not know the owner or the API user has no access to it',
  'not-licensed': 'API access is not licensed on this ThreatConnect instance',
};

/** Credentials, permission or owner problem (401/403): permanent until an operator acts. */
export class TcAuthError extends ThreatConnectError {
  override name = 'TcAuthError';
  readonly reason: TcAuthReason;
  constructor(reason: TcAuthReason, context: TcFailureContext) {
    super(authText[reason], context);
    this.reason = reason;
  }
}

/** The local clock is too far from ThreatConnect's (401 Timestamp out of range): not a credential problem. */
export class TcClockSkewError extends ThreatConnectError {
  override name = 'TcClockSkewError';
  /** Server clock minus local clock in ms when the server sent a Date header, else null. */
  readonly offsetMs: number | null;
  constructor(offsetMs: number | null, context: TcFailureContext) {
    const off = offsetMs == null ? '' : ` (server is ${Math.round(offsetMs / 1000)} s ahead of us)`;
    super(`the local clock is out of ThreatConnect's accepted range${off}; fix NTP`, context);
    this.offsetMs = offsetMs;
  }
}

/** Which kind of owner metadata is missing. */
export type TcMetadataKind = 'attribute-type' | 'security-label';

/** Details for {@link TcMissingMetadataError}. */
export interface TcMissingMetadata {
  kind: TcMetadataKind;
  /** The names that do not exist (empty when ThreatConnect did not say and we could not tell). */
  names: string[];
  /** The owner they must be created in. */
  owner: string;
}

function metadataText(m: TcMissingMetadata): string {
  const what = m.kind === 'attribute-type' ? 'group attribute type' : 'security label';
  const names = m.names.length > 0 ? ` ${m.names.map(n => `'${n}'`).join(', ')}` : '';
  return `missing ${what}${names} in owner '${m.owner}': create it in ThreatConnect before delivering`;
}

/** An attribute type or security label the request uses does not exist for the owner. */
export class TcMissingMetadataError extends ThreatConnectError {
  override name = 'TcMissingMetadataError';
  readonly kind: TcMetadataKind;
  readonly names: string[];
  readonly owner: string;
  constructor(missing: TcMissingMetadata, context: TcFailureContext) {
    super(metadataText(missing), context);
    this.kind = missing.kind;
    this.names = [...missing.names];
    this.owner = missing.owner;
  }
}

/** Where a throttling decision came from. */
export type TcThrottleSource = 'server' | 'gate' | 'limiter';

/** Throttled (429, or 503 with Retry-After, or our own gate/limiter budget ran out). */
export class TcThrottledError extends ThreatConnectError {
  override name = 'TcThrottledError';
  /** How long to wait before trying again, null when the server did not say. */
  readonly retryAfterMs: number | null;
  readonly source: TcThrottleSource;
  constructor(retryAfterMs: number | null, source: TcThrottleSource, context: TcFailureContext) {
    const wait = retryAfterMs == null ? '' : `; retry after ${retryAfterMs} ms`;
    const by =
      source === 'server'
        ? 'ThreatConnect throttled the request'
        : `request held by the shared ${source}`;
    super(`${by}${wait}`, context);
    this.retryAfterMs = retryAfterMs;
    this.source = source;
  }
}

/** A failure that may pass on retry: 5xx, timeout, reset or dropped connection. */
export class TcTransientError extends ThreatConnectError {
  override name = 'TcTransientError';
  /** Node/axios error code (ECONNRESET, ECONNABORTED, ...) when there was no response. */
  readonly code: string | null;
  constructor(what: string, code: string | null, context: TcFailureContext) {
    super(what, context);
    this.code = code;
  }
}

/** The response was not what ThreatConnect sends (non-JSON, wrong content type, missing fields). */
export class TcBadResponseError extends ThreatConnectError {
  override name = 'TcBadResponseError';
  constructor(problem: string, context: TcFailureContext) {
    super(`unexpected ThreatConnect response: ${problem}`, context);
  }
}

/** Any other refused request (404, 409, an unmatched 400, TLS failure): permanent. */
export class TcRequestError extends ThreatConnectError {
  override name = 'TcRequestError';
  constructor(what: string, context: TcFailureContext) {
    super(what, context);
  }
}
