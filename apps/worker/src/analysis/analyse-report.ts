import { normaliseReport, readReport, type ReportSource } from '@cuckoo-tc/cuckoo';
import { buildParseResult, type ParseResult } from '@cuckoo-tc/indicators';
import type { AnalysisSettings } from './analysis-settings.js';

/** The decision for one report and how many bytes were read to reach it. */
export interface ReportAnalysis {
  result: ParseResult;
  bytesRead: number;
}

/** Per-report inputs known from outside the report. */
export interface AnalyseReportOptions {
  /** Task id from the storage directory or the API; wins over `info.id`. */
  taskId?: number;
  signal?: AbortSignal;
}

/**
 * Reads a report (path or byte stream), normalises it and decides every indicator before any
 * ThreatConnect call. A report that cannot be read or has no analysis id throws the reader's
 * or normaliser's named error (both permanent: retrying cannot fix the file).
 */
export async function analyseReport(
  source: ReportSource,
  settings: AnalysisSettings,
  options: AnalyseReportOptions = {},
): Promise<ReportAnalysis> {
  const sections = await readReport(source, {
    ...settings.read,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const normalised = normaliseReport(sections.sections, {
    ...settings.normalise,
    ...(options.taskId !== undefined ? { taskId: options.taskId } : {}),
  });
  if (!normalised.ok) {
    throw normalised.error;
  }
  const result = buildParseResult(normalised.report, {
    incident: settings.incident,
    filters: settings.filters,
  });
  return { result, bytesRead: sections.bytesRead };
}
