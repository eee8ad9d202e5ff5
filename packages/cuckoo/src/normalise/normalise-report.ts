import { isValidTimeZone } from './analysis-date.js';
import { readInfoFields } from './analysis-info.js';
import { readAnalysisId } from './analysis-id.js';
import { readDropped, readMalfamily, readSignatures } from './context.js';
import { NormaliseOptionsError, ReportContentError } from './errors.js';
import { detectFlavour } from './flavour.js';
import { readNetwork } from './network.js';
import { readRecord } from './read-value.js';
import { readTarget } from './target.js';
import type { NormalisedReport, ReportSectionValues } from './types.js';
import { WarningLog } from './warning-log.js';

/** Options of {@link normaliseReport}. */
export interface NormaliseOptions {
  /** IANA zone of the sandbox host's naive report dates (default `UTC`). */
  readonly timeZone?: string;
  /** Task id known from outside (storage directory name, API task); wins over `info.id`. */
  readonly taskId?: number;
  /** Most warnings kept (default 100); the rest are counted in one line. */
  readonly maxWarnings?: number;
}

/** The record, or the reason the report cannot be delivered at all. */
export type NormaliseResult =
  | { readonly ok: true; readonly report: NormalisedReport }
  | { readonly ok: false; readonly error: ReportContentError };

function resolveId(
  infoId: number | null,
  options: NormaliseOptions,
  log: WarningLog,
): number | null {
  const { taskId } = options;
  if (taskId === undefined) {
    return infoId;
  }
  if (!Number.isSafeInteger(taskId) || taskId <= 0) {
    throw new NormaliseOptionsError(`taskId must be a positive integer, got ${String(taskId)}`);
  }
  if (infoId !== null && infoId !== taskId) {
    log.add('info.id', `${infoId} differs from the task id ${taskId}; using ${taskId}`);
  }
  return taskId;
}

/**
 * Turns the raw sections of any Cuckoo 1.2 / 2.0.x / CAPEv2 / fork report into one typed record.
 * Wrong types become located warnings and are not used; only a missing analysis id is fatal.
 */
export function normaliseReport(
  sections: ReportSectionValues,
  options: NormaliseOptions = {},
): NormaliseResult {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new NormaliseOptionsError(`unknown time zone ${JSON.stringify(timeZone)}`);
  }
  const log = new WarningLog(options.maxWarnings);
  const info = readRecord(sections.info, 'info', log) ?? {};
  const id = resolveId(readAnalysisId(info.id, 'info.id', log), options, log);
  if (id === null) {
    const error = new ReportContentError(
      'report has no usable info.id and no task id was given',
      'REPORT_NO_ANALYSIS_ID',
      'info.id',
    );
    return { ok: false, error };
  }
  const fields = readInfoFields(info, timeZone, log);
  const { network, objectHosts, legacyDns } = readNetwork(sections.network, log);
  const flavour = detectFlavour({
    version: fields.version,
    startedIsNumber: typeof info.started === 'number',
    objectHosts,
    legacyDns,
  });
  const report: NormalisedReport = {
    analysis: { id, flavour, ...fields },
    target: readTarget(sections.target, sections.url_analysis, fields.category, log),
    network,
    dropped: readDropped(sections.dropped, log),
    signatures: readSignatures(sections.signatures, log),
    malfamily: readMalfamily(sections.malfamily, log),
    warnings: log.finish(),
  };
  return { ok: true, report };
}
