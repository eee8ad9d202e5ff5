import { readAnalysisDate } from './analysis-date.js';
import { readNumber, readString } from './read-value.js';
import type { AnalysisInfo } from './types.js';
import type { WarningLog } from './warning-log.js';

/** The `info` fields other than the id and the flavour. */
export type InfoFields = Omit<AnalysisInfo, 'id' | 'flavour'>;

/** Reads the descriptive `info` fields; a missing start date is a warning (the incident needs it). */
export function readInfoFields(
  info: Record<string, unknown>,
  timeZone: string,
  log: WarningLog,
): InfoFields {
  const started = readAnalysisDate(info.started, 'info.started', timeZone, log);
  if (started === null && !log.items.some(w => w.path === 'info.started')) {
    log.add('info.started', 'missing; the analysis date is unknown');
  }
  return {
    version: readString(info.version, 'info.version', log)?.trim() ?? null,
    started,
    ended: readAnalysisDate(info.ended, 'info.ended', timeZone, log),
    category: readString(info.category, 'info.category', log)?.trim().toLowerCase() ?? null,
    package: readString(info.package, 'info.package', log),
    route: readString(info.route, 'info.route', log),
    score: readNumber(info.score, 'info.score', log),
  };
}
