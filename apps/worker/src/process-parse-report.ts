// parse-report: reads the whole report and decides everything (incident, indicators, drops)
// before any ThreatConnect call, records the dry-run result, then adds the analysis flow with
// deterministic ids. A report that cannot be read fails for good and creates nothing.
import { UnrecoverableError, type FlowJob, type Job } from 'bullmq';
import { isReportContentError, isReportReadError } from '@cuckoo-tc/cuckoo';
import type { Indicator, ParseResult } from '@cuckoo-tc/indicators';
import {
  associateJobId,
  buildAnalysisFlow,
  type AnalysisFlowOptions,
  type IndicatorInput,
  type ParseReportPayload,
  type ParseReportResult,
} from '@cuckoo-tc/queues';
import type { Logger, Metrics } from '@cuckoo-tc/telemetry';
import type { Redis } from 'ioredis';
import { analyseReport } from './analysis/analyse-report.js';
import type { AnalysisSettings } from './analysis/analysis-settings.js';
import {
  addDeliveryWarnings,
  countAttempt,
  deliveryKey,
  dropOtherVersionChunks,
  writeDelivery,
} from './delivery-record.js';
import { jobLogger, recordRef } from './processor-deps.js';
import { describeLocation, isReportFetchError, openReport } from './report-source.js';

/** What the parse processor gets. */
export interface ParseReportDeps {
  redis: Redis;
  logger: Logger;
  metrics?: Metrics | undefined;
  prefix: string;
  /** Adds a flow (a FlowProducer's `add`). */
  addFlow: (flow: FlowJob) => Promise<unknown>;
}

/** Options of {@link processParseReport}. */
export interface ParseReportOptions {
  /** Reader, normaliser, incident and filter settings (the instance comes from each job). */
  settings: AnalysisSettings;
  /** Cuckoo / CAPE API token for API report locations. */
  apiToken?: string | null;
  flow: AnalysisFlowOptions;
}

/** The flow's transport shape of an extracted indicator. Pure. */
export function toIndicatorInput(indicator: Indicator): IndicatorInput {
  if (indicator.type !== 'File') {
    return { type: indicator.type, value: indicator.value };
  }
  const occurrence = indicator.fileOccurrences[0];
  return {
    type: 'File',
    value: indicator.value,
    ...(indicator.md5 ? { md5: indicator.md5 } : {}),
    ...(indicator.sha1 ? { sha1: indicator.sha1 } : {}),
    ...(indicator.sha256 ? { sha256: indicator.sha256 } : {}),
    ...(indicator.size === null ? {} : { size: indicator.size }),
    ...(occurrence
      ? {
          occurrence: {
            ...(occurrence.fileName ? { fileName: occurrence.fileName } : {}),
            ...(occurrence.date ? { date: occurrence.date } : {}),
          },
        }
      : {}),
  };
}

/** Dropped candidates counted by reason. Pure. */
export function dropCounts(result: Pick<ParseResult, 'dropped'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of result.dropped) {
    out[d.reason] = (out[d.reason] ?? 0) + 1;
  }
  return out;
}

/** Reader errors that, on a report streamed from the REST API, mean the transfer broke off. */
const INTERRUPTED_TRANSFER = new Set(['REPORT_UNREADABLE', 'REPORT_TRUNCATED', 'REPORT_EMPTY']);

/** Report warnings kept in a delivery record; a badly broken report must not bloat it. */
export const MAX_REPORT_WARNINGS = 20;

/**
 * The report's normalisation warnings (fields ignored because of a wrong type or value) as
 * delivery-record lines, at most {@link MAX_REPORT_WARNINGS} plus one line counting the rest. Pure.
 */
export function reportWarnings(result: Pick<ParseResult, 'warnings'>): string[] {
  const lines = result.warnings
    .slice(0, MAX_REPORT_WARNINGS)
    .map(w => `report ${w.path}: ${w.message} (ignored)`);
  const more = result.warnings.length - MAX_REPORT_WARNINGS;
  return more > 0 ? [...lines, `report: ${more} more warnings not shown`] : lines;
}

/** HTTP answers a retry cannot change; 408 and 429 say "try later" and stay transient. */
function isPermanentStatus(status: number | null): status is number {
  return status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** What to fix for a refused report download, so the failed job says it. */
function fetchHint(status: number): string {
  if (status === 401 || status === 403) {
    return 'check cuckoo.apiToken (CUCKOO_API_TOKEN) and its rights on the sandbox API';
  }
  if (status === 404) {
    return 'the task or its report no longer exists on the sandbox (deleted or not reported)';
  }
  return 'the sandbox API refused the request';
}

/**
 * Opens the report; a 4xx other than 408/429 (bad token, deleted task) fails the job for good
 * with what to fix, since every retry would get the same answer. 5xx and network errors stay
 * transient.
 */
async function open(
  report: ParseReportPayload['report'],
  options: ParseReportOptions,
  signal: AbortSignal | undefined,
): ReturnType<typeof openReport> {
  try {
    return await openReport(report, {
      apiToken: options.apiToken ?? null,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (isReportFetchError(err) && isPermanentStatus(err.status)) {
      throw new UnrecoverableError(`${err.message}: ${fetchHint(err.status)}`);
    }
    throw err;
  }
}

async function decide(
  job: Job<ParseReportPayload>,
  options: ParseReportOptions,
  signal: AbortSignal | undefined,
): Promise<{ result: ParseResult; bytes: number }> {
  const { report, instance, taskId } = job.data;
  const opened = await open(report, options, signal);
  const settings = { ...options.settings, incident: { ...options.settings.incident, instance } };
  try {
    const analysis = await analyseReport(opened, settings, {
      taskId,
      ...(signal ? { signal } : {}),
    });
    return { result: analysis.result, bytes: analysis.bytesRead };
  } catch (err) {
    if (report.kind === 'api' && isReportReadError(err) && INTERRUPTED_TRANSFER.has(err.code)) {
      // Over HTTP a cut connection looks like a short or unreadable document: retry it.
      throw new Error(`report transfer interrupted ${describeLocation(report)}: ${err.message}`, {
        cause: err,
      });
    }
    if (isReportReadError(err) || isReportContentError(err)) {
      throw new UnrecoverableError(`bad report ${describeLocation(report)}: ${err.message}`);
    }
    throw err;
  }
}

/** Processor of `parse-report`. */
export async function processParseReport(
  deps: ParseReportDeps,
  job: Job<ParseReportPayload>,
  options: ParseReportOptions,
  signal?: AbortSignal,
): Promise<ParseReportResult> {
  const log = jobLogger(deps.logger, job);
  const ref = recordRef(deps.prefix, job.data);
  const { instance, taskId, version } = job.data;
  await countAttempt(deps.redis, ref, job.name);
  const started = performance.now();
  const { result, bytes } = await decide(job, options, signal);
  const parseMs = Math.round(performance.now() - started);
  deps.metrics?.parseBytes.inc(bytes);
  deps.metrics?.parseSeconds.observe(parseMs / 1000);
  const dropped = dropCounts(result);
  for (const [reason, count] of Object.entries(dropped)) {
    deps.metrics?.dropped.inc({ reason }, count);
  }
  const indicators = result.indicators.map(toIndicatorInput);
  // A report without a usable start date still gets an incident; its date is the enqueue time.
  const eventDate = result.incident.eventDate ?? job.data.enqueuedAt.replace(/\.\d{3}Z$/, 'Z');
  const flow = buildAnalysisFlow(
    {
      instance,
      taskId,
      version,
      incident: {
        xid: result.incident.xid,
        name: result.incident.name,
        eventDate,
        attributes: result.incident.attributes.map(a => ({
          type: a.type,
          value: a.value,
          securityLabels: [...a.securityLabels],
        })),
        tags: [...result.incident.tags],
      },
      indicators,
    },
    options.flow,
  );
  // A re-parse of a delivered version adds no new flow (same ids), so it must not reset the status.
  const [status, recorded] = await deps.redis.hmget(deliveryKey(ref), 'status', 'version');
  const delivered = recorded === version && (status?.startsWith('delivered') ?? false);
  await dropOtherVersionChunks(deps.redis, ref, version);
  await writeDelivery(deps.redis, ref, {
    ...(delivered ? {} : { status: 'parsed' }),
    version,
    xid: (flow.data as { xid: string }).xid,
    indicators: indicators.length,
    dropped,
    parseMs,
    'at.enqueuedAt': job.data.enqueuedAt,
    'at.parsedAt': new Date().toISOString(),
  });
  // Fields ignored for a wrong type are delivered-with-warnings, never a silent "delivered".
  const warnings = reportWarnings(result);
  await addDeliveryWarnings(deps.redis, ref, warnings);
  await deps.addFlow(flow);
  log.info(
    { indicators: indicators.length, dropped: result.dropped.length, bytes, parseMs, warnings },
    'report parsed, flow added',
  );
  return {
    incidentXid: (flow.data as { xid: string }).xid,
    flowJobId: associateJobId(instance, taskId, version),
    indicators: indicators.length,
    dropped: result.dropped.length,
  };
}
