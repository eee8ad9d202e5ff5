// Public entry point of @cuckoo-tc/queues: the queue catalog, ids, Redis connections, the
// analysis flow and the retry/throttle rules every producer and worker shares.
export {
  BACKOFF_TYPE,
  DEFAULT_JOB_OPTIONS,
  DEFAULT_PREFIX,
  JOB_NAMES,
  JOB_QUEUE,
  QUEUE_NAMES,
  createJobDefaults,
  jobOptions,
} from './catalog.js';
export type {
  JobCatalog,
  JobDefaults,
  JobDefaultsSettings,
  JobName,
  JobNameIn,
  PayloadOf,
  QueueName,
  ResultOf,
} from './catalog.js';
export { addJob, bulkEntries, createQueue } from './typed-queues.js';
export type {
  CatalogJob,
  CatalogQueue,
  CatalogWorker,
  CreateQueueOptions,
} from './typed-queues.js';
export type {
  AnalysisRef,
  AssociatePayload,
  AssociateResult,
  CreateIncidentPayload,
  CreateIncidentResult,
  CreateIndicatorsPayload,
  CreateIndicatorsResult,
  EnqueueTrigger,
  IncidentAttribute,
  IndicatorInput,
  ParseReportPayload,
  ParseReportResult,
  ReportLocation,
  SkippedIndicator,
} from './payloads.js';
export { jobDefaultsFromConfig } from './job-defaults-from-config.js';
export {
  analysisKey,
  assertValidJobId,
  associateJobId,
  createIncidentJobId,
  createIndicatorsJobId,
  parseJobId,
  reportVersion,
  sanitizeInstance,
} from './job-ids.js';
export {
  assertNoEviction,
  connectRedis,
  createRedisConnection,
  readEvictionPolicy,
  redisRoleDefaults,
  waitUntilReady,
} from './redis-connection.js';
export type { ConnectRedisOptions, RedisConnectionOptions, RedisRole } from './redis-connection.js';
export { buildAnalysisFlow, chunk } from './analysis-flow.js';
export type { AnalysisFlowInput, AnalysisFlowOptions } from './analysis-flow.js';
export { collectAssociateInputs } from './flow-children.js';
export type { AssociateInputs } from './flow-children.js';
export { createBackoffStrategy, jitteredExponentialDelay } from './backoff.js';
export type { BackoffStrategyOptions, JitteredExponentialOptions } from './backoff.js';
export { RATE_LIMITED_TOO_LONG, decideThrottle, throttleJob } from './throttle.js';
export type { ThrottleDecision, ThrottleInput, ThrottleJobOptions } from './throttle.js';
export { parseJobKey } from './job-key.js';
export type { JobKeyParts } from './job-key.js';
export { reopenParent } from './reopen-parent.js';
export type {
  QueueKeys,
  ReopenParentOutcome,
  ReopenParentResult,
  ScriptRedis,
} from './reopen-parent.js';
export { findAnalysisJobs } from './analysis-jobs.js';
export type { AnalysisJobState, AnalysisJobsRef } from './analysis-jobs.js';
export { readQueueStatus } from './queue-status.js';
export type { QueueCounts, QueueStatus } from './queue-status.js';
export { planItems, planRequeue, planRequeueJobs } from './requeue-plan.js';
export { applyRequeue } from './requeue-apply.js';
export type { RequeueResult } from './requeue-apply.js';
export type {
  RequeueContext,
  RequeueItem,
  RequeuePlan,
  RequeueRole,
  RequeueSelection,
  RequeueSkip,
  RequeueUnit,
} from './requeue-types.js';
export {
  EvictingRedisError,
  InvalidJobIdError,
  QueuesError,
  RedisUnreachableError,
  isEvictingRedisError,
  isInvalidJobIdError,
  isQueuesError,
  isRedisUnreachableError,
} from './errors.js';
