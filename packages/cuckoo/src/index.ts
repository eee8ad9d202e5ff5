// Public entry point of packages/cuckoo: the streaming report reader and the normalisation of
// every report flavour into one analysis record.
export {
  readReport,
  DEFAULT_MAX_REPORT_BYTES,
  DEFAULT_MAX_SECTION_BYTES,
} from './reader/read-report.js';
export type { ReadReportOptions } from './reader/read-report.js';
export { DEFAULT_SECTIONS } from './reader/sections.js';
export type { ReportSections, SectionName } from './reader/sections.js';
export type { ReportSource } from './reader/byte-source.js';
export { ReportReadError, isReportReadError } from './reader/errors.js';
export type { ReportReadErrorCode, ReportReadErrorOptions } from './reader/errors.js';
// Normalisation of the read sections into one analysis record.
export { normaliseReport } from './normalise/normalise-report.js';
export type { NormaliseOptions, NormaliseResult } from './normalise/normalise-report.js';
export { isValidTimeZone, formatUtcSeconds } from './normalise/analysis-date.js';
export { formatWarning } from './normalise/warning-log.js';
export {
  ReportContentError,
  isReportContentError,
  NormaliseOptionsError,
  isNormaliseOptionsError,
} from './normalise/errors.js';
export type { ReportContentErrorCode } from './normalise/errors.js';
export type {
  AnalysisInfo,
  AnalysisTarget,
  DnsAnswer,
  DnsEntry,
  DomainEntry,
  FileDigest,
  FlowEntry,
  HostEntry,
  HttpEntry,
  HttpExEntry,
  NetworkRecord,
  NormalisedReport,
  ReportFlavour,
  ReportSectionValues,
  ReportWarning,
  SignatureSummary,
} from './normalise/types.js';
