// Public entry point of apps/producer: finds finished analyses and enqueues parse jobs.
export { createProducer } from './create-producer.js';
export type {
  Producer,
  ProducerHealth,
  ProducerOptions,
  ProducerSource,
} from './create-producer.js';
export type { SourceHealth } from './periodic-task.js';
export { createEnqueueTools } from './enqueue-tools.js';
export { enqueueToolsOptionsFromConfig, producerOptionsFromConfig } from './options-from-config.js';
export type { EnqueueTools, EnqueueToolsOptions, SandboxApiSettings } from './enqueue-tools.js';
export { enqueueManually, MAX_RANGE, parseTaskRange } from './manual-enqueue.js';
export type { ManualEnqueueRequest, ManualEnqueueResult } from './manual-enqueue.js';
export { waitForDelivery } from './wait-for-delivery.js';
export type { DeliveryStatus, WaitForDeliveryOptions } from './wait-for-delivery.js';
export { ParseEnqueuer } from './parse-enqueuer.js';
export type { EnqueueOutcome, ParseEnqueuerOptions, ReportCandidate } from './parse-enqueuer.js';
export { ProgressStore } from './progress-store.js';
export type { PollState } from './progress-store.js';
export { StorageScanner } from './storage-scanner.js';
export type { StorageScannerOptions } from './storage-scanner.js';
export { ApiPoller } from './api-poller.js';
export type { ApiPollerOptions } from './api-poller.js';
export { PushServer, parseTaskId } from './push-server.js';
export type { PushServerOptions } from './push-server.js';
export { SandboxApi, apiDateSeconds, apiReportVersion } from './sandbox-api.js';
export type { SandboxApiOptions, SandboxFlavour, SandboxTask } from './sandbox-api.js';
export { TaskResolver } from './task-resolver.js';
export type { TaskResolverOptions } from './task-resolver.js';
export { fileReportVersion, locateReportPath, reportPathOf } from './report-file.js';
export { silentLogger } from './logger.js';
export type { Clock, ProducerLogger } from './logger.js';
export {
  EnqueueInputError,
  ProducerError,
  SandboxApiError,
  isEnqueueInputError,
  isProducerError,
  isSandboxApiError,
} from './errors.js';
