// Every knob of the emulator, as plain data. Defaults live in defaults.ts; nothing here has IO.

/** An API user: HMAC credentials, an optional API token, and the owners it may use. */
export interface EmulatorUser {
  accessId: string;
  secretKey: string;
  /** Accepted as `Authorization: TC-Token <apiToken>`; no token auth when absent. */
  apiToken?: string;
  /** The user's organization: the owner used when a request names none. */
  defaultOwner: string;
  /** Owner names this user may use; all configured owners when absent. */
  owners?: string[];
}

/** An attribute type as `GET /v3/attributeTypes` lists it. */
export interface AttributeTypeSpec {
  name: string;
  maxSize: number;
  description?: string;
  /** Returned when a value is longer than maxSize. */
  errorMessage?: string;
  allowMarkdown?: boolean;
}

/** A security label that exists in an owner. */
export interface SecurityLabelSpec {
  name: string;
  description?: string;
  color?: string;
}

/** An owner (Organization, Community or Source) with its attribute types and labels. */
export interface OwnerSpec {
  name: string;
  type?: 'Organization' | 'Community' | 'Source';
  /** Defaults to the built-in group attribute types when absent. */
  attributeTypes?: AttributeTypeSpec[];
  /** Defaults to the TLP labels plus `DO NOT SHARE` when absent. */
  securityLabels?: SecurityLabelSpec[];
}

/** The system-wide exclusion lists; a listed value is refused with 403. */
export interface ExclusionListOptions {
  /** IPv4 and IPv6 CIDRs (variable values). */
  cidrs?: string[];
  /** Fixed address values. */
  addresses?: string[];
  /** Fixed host names; `*.example` matches every name below `example`. */
  hosts?: string[];
  /** Fixed URL values, compared exactly. */
  urls?: string[];
}

/** How a 429 says when to come back. */
export type RetryAfterFormat = 'seconds' | 'http-date' | 'none';

/** Per-user throttling (token bucket); null or 0 requestsPerSecond turns it off. */
export interface RateLimitOptions {
  requestsPerSecond?: number | null;
  /** Tokens the bucket holds (requests allowed at once); defaults to requestsPerSecond. */
  burst?: number | null;
  retryAfter?: RetryAfterFormat;
}

/** The next `count` API requests fail with `status` (and Retry-After seconds when set). */
export interface FailNextOptions {
  count: number;
  status: number;
  retryAfter?: number | null;
}

/** Synthetic faults; every one is off by default and 0 or null turns one off again. */
export interface FaultOptions {
  /** Share (0..1) of requests answered with a 5xx from errorStatuses. */
  errorRate?: number | null;
  errorStatuses?: number[] | null;
  /** Delay added before every API request is handled. */
  latencyMs?: number | null;
  /** Share of requests whose socket is destroyed without an answer. */
  dropRate?: number | null;
  /** Share of requests that are never answered (the client has to time out). */
  timeoutRate?: number | null;
  /**
   * Share of requests that are fully handled (their changes stay) but whose socket is then
   * destroyed instead of answered: the client cannot know the write happened.
   */
  lostResponseRate?: number | null;
  failNext?: FailNextOptions | null;
  /** Route keys such as `POST /v3/indicators` the faults apply to; all routes when absent. */
  routes?: string[] | null;
}

/** v2 Batch API switches and limits. */
export interface BatchOptions {
  /** When false, `/v2/batch` answers 503 like an instance without batch jobs. */
  enabled?: boolean;
  /** Largest accepted upload (default 2,000,000 bytes). */
  maxUploadBytes?: number;
  /** createAndUpload answers Completed up to this size, else Queued (default 500,000). */
  synchronousLimitBytes?: number;
  /** Indicators allowed per job (default 25,000). */
  maxIndicators?: number;
}

/** The source of wall-clock time (epoch milliseconds) for timestamps and dates. */
export interface EmulatorClock {
  now(): number;
}

/** Options of createEmulator(); every field has a default. */
export interface EmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  apiPrefix?: string;
  users?: EmulatorUser[];
  owners?: OwnerSpec[];
  exclusions?: ExclusionListOptions;
  rateLimit?: RateLimitOptions;
  faults?: FaultOptions;
  clock?: EmulatorClock;
  /** Random source in [0, 1) for the fault rates. */
  random?: () => number;
  /** Accepted distance between the Timestamp header and the clock. */
  timestampToleranceSeconds?: number;
  /** v2 Batch API switches and limits. */
  batch?: BatchOptions;
  /** JSON file loaded at start and saved on change and on close. */
  stateFile?: string | null;
  stateSaveDelayMs?: number;
  /** Told about failures that have no HTTP answer (state file writes). */
  onError?: (error: Error) => void;
}

/** A partial runtime change, as accepted by `POST /_emulator/config`. */
export interface EmulatorConfigPatch {
  rateLimit?: RateLimitOptions | null;
  faults?: FaultOptions | null;
}
