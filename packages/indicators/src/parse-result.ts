import type { NormalisedReport, ReportFlavour, ReportWarning } from '@cuckoo-tc/cuckoo';
import { describeIncident, type IncidentDescription, type IncidentOptions } from './incident.js';
import type { IndicatorFilters, IndicatorOptions } from './indicator-options.js';
import { selectIndicators } from './select-indicators.js';
import type { DroppedIndicator, Indicator } from './types.js';

/** The analysis summary of a parse result. */
export interface ParseResultAnalysis {
  readonly id: number;
  readonly flavour: ReportFlavour;
  readonly version: string | null;
  readonly started: string | null;
  readonly target: {
    readonly category: string | null;
    readonly name: string | null;
    readonly url: string | null;
  };
}

/** What one analysis would send and why the rest was dropped (`cuckoo-tc parse --json`, DESIGN §4). */
export interface ParseResult {
  readonly analysis: ParseResultAnalysis;
  readonly incident: IncidentDescription;
  readonly indicators: readonly Indicator[];
  readonly dropped: readonly DroppedIndicator[];
  readonly warnings: readonly ReportWarning[];
}

/** Options of {@link buildParseResult}. */
export interface ParseResultOptions {
  readonly incident: IncidentOptions;
  /** Filter options, or filters compiled once with createIndicatorFilters (faster per report). */
  readonly filters?: IndicatorOptions | IndicatorFilters;
}

/** Builds the full, JSON-ready decision for one normalised report. Pure: no IO, no clock. */
export function buildParseResult(
  report: NormalisedReport,
  options: ParseResultOptions,
): ParseResult {
  const { analysis, target } = report;
  const selection = selectIndicators(report, options.filters);
  return {
    analysis: {
      id: analysis.id,
      flavour: analysis.flavour,
      version: analysis.version,
      started: analysis.started,
      target: { category: target.category, name: target.name, url: target.url },
    },
    incident: describeIncident(report, options.incident),
    indicators: selection.indicators,
    dropped: selection.dropped,
    warnings: report.warnings,
  };
}
