export type {
  AppConfig,
  CuckooConfig,
  DashboardConfig,
  FiltersConfig,
  IncidentConfig,
  LogConfig,
  MetricsConfig,
  ProducerConfig,
  QueuesConfig,
  RedisConfig,
  ThreatConnectConfig,
  WorkerConfig,
} from './app-config.js';
export { configArgOptions } from './config-args.js';
export type { ConfigArgs } from './config-args.js';
export { ConfigError, isConfigError } from './config-error.js';
export { loadConfig } from './load-config.js';
export type { LoadConfigOptions, LoadedConfig } from './load-config.js';
export { MASK, maskSecrets, maskUrlPassword } from './mask-secrets.js';
export {
  importReportingConf,
  REPORTING_CONF_KEYS,
  REPORTING_CONF_SECTION,
} from './reporting-conf.js';
export { requireProducerSources, requireThreatConnect } from './requirements.js';
export { schema } from './schema.js';
export { schemaLeaves } from './schema-leaves.js';
export type { SchemaLeaf } from './schema-leaves.js';
export { renderConfigurationDoc } from './configuration-doc.js';
