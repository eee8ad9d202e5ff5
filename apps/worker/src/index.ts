// Public entry point of apps/worker: the worker process (createWorkers), the plain processors,
// and the delivery record reader used by `cuckoo-tc status --analysis`.
export { createWorkers } from './create-workers.js';
export type { CreateWorkersDeps, RunningWorkers, WorkerRole } from './create-workers.js';
export type { HealthReport } from './worker-telemetry.js';
export { analyseReport } from './analysis/analyse-report.js';
export type { AnalyseReportOptions, ReportAnalysis } from './analysis/analyse-report.js';
export { analysisSettingsFromConfig, BenignListFileError } from './analysis/analysis-settings.js';
export type { AnalysisSettings } from './analysis/analysis-settings.js';
export {
  createWorkerClient,
  threatConnectKeysFromConfig,
  threatConnectOptionsFromConfig,
} from './worker-client.js';
export type { WorkerClient } from './worker-client.js';
export { parseOptionsFromConfig } from './worker-settings.js';
export { processParseReport, toIndicatorInput } from './process-parse-report.js';
export type { ParseReportDeps, ParseReportOptions } from './process-parse-report.js';
export { processCreateIncident } from './process-create-incident.js';
export type { CreateIncidentOptions } from './process-create-incident.js';
export { processCreateIndicators, SKIP_REASONS } from './process-create-indicators.js';
export { processAssociate } from './process-associate.js';
export type { ProcessorDeps } from './processor-deps.js';
export type { ThrottleContext } from './tc-failure.js';
export { createIndicatorCache } from './indicator-cache.js';
export type { IndicatorCache, IndicatorCacheOptions } from './indicator-cache.js';
export {
  DELIVERY_RECORD_TTL_SECONDS,
  decodeDelivery,
  deliveryKey,
  readDeliveryRecord,
} from './delivery-record.js';
export type { DeliveryRecord, DeliveryRecordRef, DeliveryStatus } from './delivery-record.js';
