import convict from 'convict';
import type { AppConfig } from './app-config.js';
import * as f from './formats.js';

// Registered by name so convict does not coerce text first (it turns any text but "false" into true).
convict.addFormat({
  name: 'strict-boolean',
  validate: f.booleanValue,
  coerce: (value: unknown) => value,
});

const strings = (defaults: string[]): { format: typeof f.stringList; default: string[] } => ({
  format: f.stringList,
  default: defaults,
});

/**
 * The one configuration schema. Every key has a doc string, a safe default and an environment
 * variable; secrets are marked sensitive so they are masked wherever configuration is shown.
 */
export const schema: convict.Schema<AppConfig> = {
  redis: {
    url: {
      doc: 'Redis holding the queues; must run with maxmemory-policy noeviction.',
      format: f.redisUrl,
      default: 'redis://127.0.0.1:6379',
      env: 'REDIS_URL',
      arg: 'redis-url',
    },
    prefix: {
      doc: 'Key prefix of every queue and key; use a {hash-tag} prefix on Redis Cluster.',
      format: f.nonEmptyString,
      default: 'cuckoo-tc',
      env: 'CUCKOO_TC_REDIS_PREFIX',
      arg: 'redis-prefix',
    },
  },
  threatconnect: {
    apiUrl: {
      doc: 'ThreatConnect API base URL including its prefix, e.g. https://tc.example.com/api.',
      format: f.httpUrlOrNull,
      default: null,
      nullable: true,
      env: 'TC_API_URL',
      arg: 'tc-api-url',
    },
    accessId: {
      doc: 'API user access id (HMAC auth).',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'TC_ACCESS_ID',
    },
    secretKey: {
      doc: 'API user secret key (HMAC auth).',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      sensitive: true,
      env: 'TC_SECRET_KEY',
    },
    apiToken: {
      doc: 'API token (TC-Token auth), instead of access id and secret key.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      sensitive: true,
      env: 'TC_API_TOKEN',
    },
    owner: {
      doc: 'Owner (organization, community or source) that receives incidents and indicators.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'TC_OWNER',
      arg: 'tc-owner',
    },
    requestsPerSecond: {
      doc: 'Requests per second for this API identity, shared by every process.',
      format: f.positiveNumber,
      default: 10,
      env: 'TC_REQUESTS_PER_SECOND',
    },
    timeoutMs: {
      doc: 'Timeout of one ThreatConnect request.',
      format: f.positiveInt,
      default: 30_000,
      env: 'TC_TIMEOUT_MS',
    },
    retry: {
      attempts: {
        doc: 'Attempts per job for transient failures (5xx, timeouts, resets).',
        format: f.positiveInt,
        default: 8,
        env: 'TC_RETRY_ATTEMPTS',
      },
      baseDelayMs: {
        doc: 'First retry delay; doubles per attempt, with jitter.',
        format: f.positiveInt,
        default: 2_000,
        env: 'TC_RETRY_BASE_DELAY_MS',
      },
      maxDelayMs: {
        doc: 'Longest retry delay.',
        format: f.positiveInt,
        default: 300_000,
        env: 'TC_RETRY_MAX_DELAY_MS',
      },
    },
    throttle: {
      maxWaitSeconds: {
        doc: 'How long a job may wait on throttling (429) in total before it fails as rate_limited_too_long.',
        format: f.positiveInt,
        default: 3_600,
        env: 'TC_THROTTLE_MAX_WAIT_SECONDS',
      },
    },
    associationChunkSize: {
      doc: 'Indicator ids associated to the incident per PUT request.',
      format: f.positiveInt,
      default: 100,
      env: 'TC_ASSOCIATION_CHUNK_SIZE',
    },
    indicatorCacheTtlSeconds: {
      doc: 'How long a known indicator id is reused across analyses before it is upserted again.',
      format: f.positiveInt,
      default: 7 * 24 * 3600,
      env: 'TC_INDICATOR_CACHE_TTL_SECONDS',
    },
  },
  cuckoo: {
    instance: {
      doc: 'Name of this sandbox instance; part of job ids and incident xids, so keep it stable.',
      format: f.instanceName,
      default: 'cuckoo',
      env: 'CUCKOO_INSTANCE',
      arg: 'instance',
    },
    storageDir: {
      doc: 'Cuckoo/CAPE storage directory (holding analyses/<id>/reports/report.json).',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'CUCKOO_STORAGE_DIR',
      arg: 'storage-dir',
    },
    apiUrl: {
      doc: 'Cuckoo REST API or CAPE web URL, for polling and for streaming reports.',
      format: f.httpUrlOrNull,
      default: null,
      nullable: true,
      env: 'CUCKOO_API_URL',
      arg: 'cuckoo-api-url',
    },
    apiToken: {
      doc: 'Bearer token of the Cuckoo/CAPE API, when it requires one.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      sensitive: true,
      env: 'CUCKOO_API_TOKEN',
    },
    apiFlavour: {
      doc: 'Which REST API cuckoo.apiUrl speaks: cuckoo (Cuckoo 1.2/2.0 api) or cape (CAPEv2 apiv2).',
      format: ['cuckoo', 'cape'],
      default: 'cuckoo',
      env: 'CUCKOO_API_FLAVOUR',
    },
    reportingConf: {
      doc: 'A Cuckoo reporting.conf whose [threatconnect-report] section is imported (migration from the old module).',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'CUCKOO_REPORTING_CONF',
      arg: 'reporting-conf',
    },
    reportLinkTemplate: {
      doc: 'Link to the analysis in the sandbox UI, stored in the Source attribute; {id} (or {}) is the task id.',
      format: f.nonEmptyString,
      default: 'http://localhost:8000/analysis/{id}/',
      env: 'CUCKOO_REPORT_LINK_TEMPLATE',
    },
    reportTimezone: {
      doc: 'Time zone of naive "YYYY-MM-DD HH:MM:SS" dates in reports (the sandbox host\'s zone).',
      format: f.timeZone,
      default: 'UTC',
      env: 'CUCKOO_REPORT_TIMEZONE',
    },
    maxReportBytes: {
      doc: 'Reports larger than this fail as REPORT_TOO_LARGE instead of being read.',
      format: f.positiveInt,
      default: 8 * 1024 ** 3,
      env: 'CUCKOO_MAX_REPORT_BYTES',
    },
  },
  incident: {
    nameTemplate: {
      doc: 'Incident name; {date} is the analysis day (YYYYMMDD), {target} the file name or URL, {id} the task id. Capped at 100 characters.',
      format: f.nonEmptyString,
      default: 'Cuckoo Analysis {date}: {target}',
      env: 'CUCKOO_TC_INCIDENT_NAME_TEMPLATE',
    },
    analysisIdAttribute: {
      doc: 'Attribute type holding the task id (must exist in the owner).',
      format: f.nonEmptyString,
      default: 'Analysis ID',
      env: 'CUCKOO_TC_ANALYSIS_ID_ATTRIBUTE',
    },
    sourceAttribute: {
      doc: 'Attribute type holding the report link.',
      format: f.nonEmptyString,
      default: 'Source',
      env: 'CUCKOO_TC_SOURCE_ATTRIBUTE',
    },
    attributeSecurityLabels: {
      doc: 'Security labels put on those attributes (must exist in the owner).',
      ...strings(['DO NOT SHARE']),
      env: 'CUCKOO_TC_ATTRIBUTE_SECURITY_LABELS',
    },
    tags: { doc: 'Tags added to every incident.', ...strings([]), env: 'CUCKOO_TC_INCIDENT_TAGS' },
    findLegacyIncidents: {
      doc: 'Before creating an incident, also look for one the old reporting module made for the same Analysis ID (it set no xid). Costs one call per new incident; turn on while migrating or when re-delivering analyses the old module delivered.',
      format: 'strict-boolean',
      default: false,
      env: 'CUCKOO_TC_FIND_LEGACY_INCIDENTS',
    },
  },
  filters: {
    sandboxNetworks: {
      doc: "The sandbox's own networks (guests, host-only LAN); never sent.",
      format: f.addressOrCidrList,
      default: ['192.168.56.0/24'],
      env: 'CUCKOO_TC_SANDBOX_NETWORKS',
    },
    resultServer: {
      doc: 'Result server address; never sent.',
      format: f.addressOrNull,
      default: null,
      nullable: true,
      env: 'CUCKOO_TC_RESULT_SERVER',
    },
    resolvers: {
      doc: "The guests' DNS resolvers; never sent.",
      format: f.addressOrCidrList,
      default: [],
      env: 'CUCKOO_TC_RESOLVERS',
    },
    ignoreAddresses: {
      doc: 'More addresses or CIDRs never sent.',
      format: f.addressOrCidrList,
      default: [],
      env: 'CUCKOO_TC_IGNORE_ADDRESSES',
    },
    fakeDnsNetworks: {
      doc: 'Ranges a fake DNS (e.g. INetSim) answers from; such answers are not evidence.',
      format: f.addressOrCidrList,
      default: [],
      env: 'CUCKOO_TC_FAKE_DNS_NETWORKS',
    },
    treatAsPublic: {
      doc: 'CIDRs treated as public although reserved (e.g. documentation ranges in tests).',
      format: f.addressOrCidrList,
      default: [],
      env: 'CUCKOO_TC_TREAT_AS_PUBLIC',
    },
    benignDomains: {
      doc: 'Benign domains (matched with their subdomains on label boundaries) never sent.',
      ...strings([]),
      env: 'CUCKOO_TC_BENIGN_DOMAINS',
    },
    benignDomainsFile: {
      doc: 'A file listing more benign domains, one per line, # comments.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'CUCKOO_TC_BENIGN_DOMAINS_FILE',
    },
    builtinBenignDomains: {
      doc: 'Also drop the built-in list of OS background domains.',
      format: 'strict-boolean',
      default: true,
      env: 'CUCKOO_TC_BUILTIN_BENIGN_DOMAINS',
    },
    maxUrlLength: {
      doc: 'Longer URLs are dropped (recorded with reason url-too-long).',
      format: f.positiveInt,
      default: 2048,
      env: 'CUCKOO_TC_MAX_URL_LENGTH',
    },
    includeDropped: {
      doc: 'Also send the files the sample dropped as File indicators.',
      format: 'strict-boolean',
      default: false,
      env: 'CUCKOO_TC_INCLUDE_DROPPED',
    },
  },
  producer: {
    sources: {
      doc: 'How finished analyses are found: storage (directory scan), api (REST polling), push (HTTP endpoint).',
      format: f.oneOrMoreOf(['storage', 'api', 'push']),
      default: ['storage'],
      env: 'CUCKOO_TC_PRODUCER_SOURCES',
    },
    scanIntervalSeconds: {
      doc: 'Storage directory scan interval.',
      format: f.positiveInt,
      default: 10,
      env: 'CUCKOO_TC_SCAN_INTERVAL_SECONDS',
    },
    settleSeconds: {
      doc: 'A report must keep its size and mtime this long before it is enqueued.',
      format: 'nat',
      default: 5,
      env: 'CUCKOO_TC_SETTLE_SECONDS',
    },
    pollIntervalSeconds: {
      doc: 'REST API polling interval.',
      format: f.positiveInt,
      default: 30,
      env: 'CUCKOO_TC_POLL_INTERVAL_SECONDS',
    },
    minTaskId: {
      doc: 'Analyses with a lower task id are never enqueued by the sources (skips history on a first start).',
      format: 'nat',
      default: 0,
      env: 'CUCKOO_TC_MIN_TASK_ID',
    },
    incompleteGraceSeconds: {
      doc: 'A stable report.json that does not end in "}" is enqueued anyway after this long, so a truncated report fails visibly instead of waiting for ever.',
      format: 'nat',
      default: 600,
      env: 'CUCKOO_TC_INCOMPLETE_GRACE_SECONDS',
    },
    enqueueChunkSize: {
      doc: 'Parse jobs added per Redis round trip (addBulk) during scans and backfills.',
      format: f.positiveInt,
      default: 500,
      env: 'CUCKOO_TC_ENQUEUE_CHUNK_SIZE',
    },
    api: {
      pageSize: {
        doc: 'Tasks asked per list request when polling (CAPE serves at most 50).',
        format: f.positiveInt,
        default: 50,
        env: 'CUCKOO_TC_API_PAGE_SIZE',
      },
      lookbackSeconds: {
        doc: 'Polling lists tasks completed this long before the newest one seen, so late reports and a sandbox clock in another time zone are not missed.',
        format: 'nat',
        default: 86_400,
        env: 'CUCKOO_TC_API_LOOKBACK_SECONDS',
      },
      taskChecksPerPoll: {
        doc: 'Unfinished task ids below the newest reported one that are looked up one by one per poll (the cursor never passes them).',
        format: f.positiveInt,
        default: 20,
        env: 'CUCKOO_TC_API_TASK_CHECKS_PER_POLL',
      },
    },
    push: {
      host: {
        doc: 'Address the push endpoint listens on.',
        format: f.nonEmptyString,
        default: '127.0.0.1',
        env: 'CUCKOO_TC_PUSH_HOST',
      },
      port: {
        doc: 'Port of the push endpoint.',
        format: 'port',
        default: 8091,
        env: 'CUCKOO_TC_PUSH_PORT',
      },
      token: {
        doc: 'Shared token the notification/callback module must send.',
        format: f.nonEmptyStringOrNull,
        default: null,
        nullable: true,
        sensitive: true,
        env: 'CUCKOO_TC_PUSH_TOKEN',
      },
    },
  },
  queues: {
    concurrency: {
      parse: {
        doc: 'Reports parsed at once per worker process.',
        format: f.positiveInt,
        default: 2,
        env: 'CUCKOO_TC_PARSE_CONCURRENCY',
      },
      indicators: {
        doc: 'Indicator chunks processed at once per worker process.',
        format: f.positiveInt,
        default: 8,
        env: 'CUCKOO_TC_INDICATORS_CONCURRENCY',
      },
      incidents: {
        doc: 'Incident jobs processed at once per worker process.',
        format: f.positiveInt,
        default: 4,
        env: 'CUCKOO_TC_INCIDENTS_CONCURRENCY',
      },
    },
    indicatorChunkSize: {
      doc: 'Indicators per create-indicators job.',
      format: f.positiveInt,
      default: 50,
      env: 'CUCKOO_TC_INDICATOR_CHUNK_SIZE',
    },
    keepCompletedSeconds: {
      doc: 'How long completed jobs stay visible.',
      format: f.positiveInt,
      default: 24 * 3600,
      env: 'CUCKOO_TC_KEEP_COMPLETED_SECONDS',
    },
    keepFailedSeconds: {
      doc: 'How long failed jobs stay for retry.',
      format: f.positiveInt,
      default: 14 * 24 * 3600,
      env: 'CUCKOO_TC_KEEP_FAILED_SECONDS',
    },
  },
  worker: {
    roles: {
      doc: 'Queues this worker process consumes.',
      format: f.oneOrMoreOf(['parse', 'indicators', 'incidents']),
      default: ['parse', 'indicators', 'incidents'],
      env: 'CUCKOO_TC_WORKER_ROLES',
      arg: 'role',
    },
    shutdownTimeoutSeconds: {
      doc: 'On SIGTERM, wait this long for active jobs before leaving them to the stall check.',
      format: f.positiveInt,
      default: 30,
      env: 'CUCKOO_TC_SHUTDOWN_TIMEOUT_SECONDS',
    },
    watchdogSeconds: {
      doc: 'Restart a worker that has jobs waiting but consumed none for this long.',
      format: f.positiveInt,
      default: 300,
      env: 'CUCKOO_TC_WATCHDOG_SECONDS',
    },
    lockSeconds: {
      doc: "Job lock of a worker (parse jobs: four times this) and the stall check interval; a crashed worker's jobs go back to wait within about twice this.",
      format: f.positiveInt,
      default: 30,
      env: 'CUCKOO_TC_LOCK_SECONDS',
    },
  },
  dashboard: {
    host: {
      doc: 'Dashboard address; anything but loopback requires credentials.',
      format: f.nonEmptyString,
      default: '127.0.0.1',
      env: 'DASHBOARD_HOST',
      arg: 'host',
    },
    port: {
      doc: 'Dashboard port.',
      format: 'port',
      default: 3000,
      env: 'DASHBOARD_PORT',
      arg: 'port',
    },
    user: {
      doc: 'Dashboard basic-auth user.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      env: 'DASHBOARD_USER',
    },
    password: {
      doc: 'Dashboard basic-auth password.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      sensitive: true,
      env: 'DASHBOARD_PASSWORD',
    },
    token: {
      doc: 'Dashboard bearer token, instead of user and password.',
      format: f.nonEmptyStringOrNull,
      default: null,
      nullable: true,
      sensitive: true,
      env: 'DASHBOARD_TOKEN',
    },
  },
  metrics: {
    enabled: {
      doc: 'Serve /metrics and /healthz on long-running roles.',
      format: 'strict-boolean',
      default: true,
      env: 'CUCKOO_TC_METRICS_ENABLED',
    },
    host: {
      doc: 'Metrics address.',
      format: f.nonEmptyString,
      default: '127.0.0.1',
      env: 'CUCKOO_TC_METRICS_HOST',
    },
    port: {
      doc: 'Metrics port (0 picks a free one).',
      format: 'port',
      default: 9464,
      env: 'CUCKOO_TC_METRICS_PORT',
    },
  },
  log: {
    level: {
      doc: 'Log level.',
      format: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      env: 'LOG_LEVEL',
      arg: 'log-level',
    },
  },
};
