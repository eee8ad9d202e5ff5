// Public entry point of packages/indicators: extraction, normalisation, dedupe and filtering of
// indicators, the incident description, and the parse result (all pure).
export { selectIndicators } from './select-indicators.js';
export {
  createIndicatorFilters,
  DEFAULT_MAX_URL_LENGTH,
  DEFAULT_SANDBOX_NETWORKS,
} from './indicator-options.js';
export type { IndicatorFilters, IndicatorOptions } from './indicator-options.js';
export { BUILTIN_BENIGN_DOMAINS } from './builtin-benign-domains.js';
export { parseBenignDomainList, parseBenignEntry } from './benign-domains.js';
export type { BenignEntry, BenignList, BenignListProblem } from './benign-domains.js';
export { normaliseHostname } from './hostname.js';
export type { HostnameOutcome } from './hostname.js';
export { normaliseUrl } from './url.js';
export type { UrlHost, UrlOutcome } from './url.js';
export { parseAddress, splitHostPort } from './address.js';
export type { CanonicalAddress, HostPort } from './address.js';
export {
  analysisXid,
  checkIncidentOptions,
  DEFAULT_INCIDENT_NAME_TEMPLATE,
  describeIncident,
  MAX_INCIDENT_NAME_LENGTH,
  renderReportLink,
} from './incident.js';
export type { IncidentAttribute, IncidentDescription, IncidentOptions } from './incident.js';
export { buildParseResult } from './parse-result.js';
export type { ParseResult, ParseResultAnalysis, ParseResultOptions } from './parse-result.js';
export { formatParseTable } from './format-parse-table.js';
export {
  IndicatorsError,
  IndicatorOptionsError,
  isIndicatorsError,
  isIndicatorOptionsError,
} from './errors.js';
export type {
  DropReason,
  DroppedIndicator,
  FileIndicator,
  FileOccurrence,
  Indicator,
  IndicatorSelection,
  IndicatorType,
  NetworkIndicator,
} from './types.js';
