// Public entry point of packages/cuckoo; filled by the issue that builds it.
export {};
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
