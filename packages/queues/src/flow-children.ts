import type { CreateIncidentResult, CreateIndicatorsResult, SkippedIndicator } from './payloads.js';

/** What an `associate` job learns from its children. */
export interface AssociateInputs {
  /** Undefined when the incident child has not completed (it fails the parent instead). */
  incident: CreateIncidentResult | undefined;
  /** Ids of every indicator created or found, deduplicated, in child order. */
  indicatorIds: number[];
  skipped: SkippedIndicator[];
  /** Indicator chunks that failed permanently: child key and reason. */
  failedChunks: { job: string; reason: string }[];
}

// Child keys are `<prefix>:<queue>:<jobId>`; the prefix itself may contain ':', the id never.
function jobIdOfKey(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

function isIncidentResult(value: unknown): value is CreateIncidentResult {
  return typeof (value as CreateIncidentResult | null)?.incidentId === 'number';
}

function isIndicatorsResult(value: unknown): value is CreateIndicatorsResult {
  return Array.isArray((value as CreateIndicatorsResult | null)?.indicatorIds);
}

/**
 * Pure reading of `job.getChildrenValues()` and `job.getIgnoredChildrenFailures()` of an
 * `associate` job, recognising children by their deterministic job id.
 */
export function collectAssociateInputs(
  childrenValues: Record<string, unknown>,
  ignoredFailures: Record<string, string> = {},
): AssociateInputs {
  const out: AssociateInputs = {
    incident: undefined,
    indicatorIds: [],
    skipped: [],
    failedChunks: [],
  };
  const seen = new Set<number>();
  for (const key of Object.keys(childrenValues).sort(byChunk)) {
    const id = jobIdOfKey(key);
    const value = childrenValues[key];
    if (id.startsWith('incident-') && isIncidentResult(value)) {
      out.incident = value;
    } else if (id.startsWith('indicators-') && isIndicatorsResult(value)) {
      for (const indicatorId of value.indicatorIds) {
        if (!seen.has(indicatorId)) {
          seen.add(indicatorId);
          out.indicatorIds.push(indicatorId);
        }
      }
      out.skipped.push(...value.skipped);
    }
  }
  for (const [job, reason] of Object.entries(ignoredFailures)) {
    out.failedChunks.push({ job: jobIdOfKey(job), reason });
  }
  return out;
}

function chunkNumber(key: string): number {
  const match = /-c(\d+)$/.exec(key);
  return match?.[1] === undefined ? -1 : Number(match[1]);
}

function byChunk(a: string, b: string): number {
  return chunkNumber(a) - chunkNumber(b);
}
