// Public entry point of the ThreatConnect emulator.
export { createEmulator } from './emulator.js';
export type { Emulator } from './emulator.js';
export {
  DEFAULT_ATTRIBUTE_TYPES,
  DEFAULT_EXCLUDED_CIDRS,
  DEFAULT_EXCLUDED_HOSTS,
  DEFAULT_OWNER,
  DEFAULT_SECURITY_LABELS,
  DEFAULT_USER,
} from './defaults.js';
export type {
  AttributeTypeSpec,
  BatchOptions,
  EmulatorClock,
  EmulatorConfigPatch,
  EmulatorOptions,
  EmulatorUser,
  ExclusionListOptions,
  FailNextOptions,
  FaultOptions,
  OwnerSpec,
  RateLimitOptions,
  RetryAfterFormat,
  SecurityLabelSpec,
} from './options.js';
export type { EmulatorState, GroupState, IndicatorState } from './state-view.js';
export type { RequestStatsSnapshot } from './request-stats.js';
