export { createLogger, REDACTED_PATHS } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { createMetrics } from './metrics.js';
export type { Metrics, MetricsOptions } from './metrics.js';
export { startTelemetryServer } from './telemetry-server.js';
export type { HealthReport, TelemetryServer, TelemetryServerOptions } from './telemetry-server.js';
export {
  MetricsPortInUseError,
  TelemetryError,
  isMetricsPortInUseError,
  isTelemetryError,
} from './errors.js';
