/** The product's whole configuration, as loaded and validated by {@link loadConfig}. */
export interface AppConfig {
  redis: RedisConfig;
  threatconnect: ThreatConnectConfig;
  cuckoo: CuckooConfig;
  incident: IncidentConfig;
  filters: FiltersConfig;
  producer: ProducerConfig;
  queues: QueuesConfig;
  worker: WorkerConfig;
  dashboard: DashboardConfig;
  metrics: MetricsConfig;
  log: LogConfig;
}

/** Where the queues live. */
export interface RedisConfig {
  url: string;
  prefix: string;
}

/** The ThreatConnect API, the identity used and how hard to push it. */
export interface ThreatConnectConfig {
  apiUrl: string | null;
  accessId: string | null;
  secretKey: string | null;
  apiToken: string | null;
  owner: string | null;
  requestsPerSecond: number;
  timeoutMs: number;
  retry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  throttle: { maxWaitSeconds: number };
  associationChunkSize: number;
  indicatorCacheTtlSeconds: number;
}

/** The sandbox instance the reports come from. */
export interface CuckooConfig {
  instance: string;
  storageDir: string | null;
  apiUrl: string | null;
  apiToken: string | null;
  apiFlavour: 'cuckoo' | 'cape';
  reportingConf: string | null;
  reportLinkTemplate: string;
  reportTimezone: string;
  maxReportBytes: number;
}

/** How an analysis becomes an Incident. */
export interface IncidentConfig {
  nameTemplate: string;
  analysisIdAttribute: string;
  sourceAttribute: string;
  attributeSecurityLabels: string[];
  tags: string[];
  findLegacyIncidents: boolean;
}

/** Which candidates never reach ThreatConnect (the sandbox's own noise). */
export interface FiltersConfig {
  sandboxNetworks: string[];
  resultServer: string | null;
  resolvers: string[];
  ignoreAddresses: string[];
  fakeDnsNetworks: string[];
  treatAsPublic: string[];
  benignDomains: string[];
  benignDomainsFile: string | null;
  builtinBenignDomains: boolean;
  maxUrlLength: number;
  includeDropped: boolean;
}

/** Which sources find finished analyses, and how often. */
export interface ProducerConfig {
  sources: Array<'storage' | 'api' | 'push'>;
  scanIntervalSeconds: number;
  settleSeconds: number;
  pollIntervalSeconds: number;
  minTaskId: number;
  incompleteGraceSeconds: number;
  enqueueChunkSize: number;
  api: { pageSize: number; lookbackSeconds: number; taskChecksPerPoll: number };
  push: { host: string; port: number; token: string | null };
}

/** Queue-side settings shared by producers and workers. */
export interface QueuesConfig {
  concurrency: { parse: number; indicators: number; incidents: number };
  indicatorChunkSize: number;
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
}

/** Worker process behaviour. */
export interface WorkerConfig {
  roles: Array<'parse' | 'indicators' | 'incidents'>;
  shutdownTimeoutSeconds: number;
  watchdogSeconds: number;
  lockSeconds: number;
}

/** The Bull Board dashboard. */
export interface DashboardConfig {
  host: string;
  port: number;
  user: string | null;
  password: string | null;
  token: string | null;
}

/** Prometheus metrics and health endpoints. */
export interface MetricsConfig {
  enabled: boolean;
  host: string;
  port: number;
}

/** Structured logs. */
export interface LogConfig {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}
