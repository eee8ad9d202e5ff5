// Payload and result shapes of every job. They travel through Redis as JSON, so they hold plain
// data only: never a report body (reports can exceed 1 GB), never a secret (tokens come from
// configuration in the process that runs the job).

/** Where a parse job finds its report.json. */
export type ReportLocation =
  | {
      /** report.json on a filesystem the parse worker can read. */
      kind: 'file';
      /** Absolute path of report.json. */
      path: string;
    }
  | {
      /** report.json served by the Cuckoo / CAPE REST API. */
      kind: 'api';
      /** Which REST dialect serves it. */
      flavour: 'cuckoo' | 'cape';
      /**
       * Cuckoo: the API root (`http://cuckoo:8090`; report at `/tasks/report/<id>/json`).
       * CAPE: the web root (`https://cape`; report at `/apiv2/tasks/get/report/<id>/json/`).
       */
      baseUrl: string;
      /** Task id to fetch the report of. */
      taskId: number;
    };

/** How the producer learnt about an analysis. */
export type EnqueueTrigger = 'scan' | 'poll' | 'push' | 'cli';

/** Fields that name one analysis of one sandbox instance. */
export interface AnalysisRef {
  /** Sandbox instance name (from configuration); part of every deterministic id and xid. */
  instance: string;
  /** Cuckoo / CAPE task id. */
  taskId: number;
  /**
   * Set by `throttleJob`: epoch ms of the first ThreatConnect throttle this job met; the wait
   * budget counts from here. Cleared when the job fails for waiting too long.
   */
  throttledSince?: number;
  /** Set by `throttleJob`: epoch ms the last throttle wait ends (tells episodes apart). */
  throttledUntil?: number;
}

/** Payload of `parse-report`. */
export interface ParseReportPayload extends AnalysisRef {
  /** Report version (from size + mtime, or from the API's task record); new version, new job. */
  version: string;
  /** Where to read the report. */
  report: ReportLocation;
  /** How the analysis was found. */
  trigger: EnqueueTrigger;
  /** ISO-8601 time the producer enqueued the job. */
  enqueuedAt: string;
}

/** Result of `parse-report`. */
export interface ParseReportResult {
  /** Deterministic xid of the incident the flow creates or finds. */
  incidentXid: string;
  /** Id of the `associate` flow root that was added. */
  flowJobId: string;
  /** Indicators kept and sent to ThreatConnect. */
  indicators: number;
  /** Candidates dropped by filters (with their reasons, in the job's log / result). */
  dropped: number;
}

/** A ThreatConnect attribute to set on the incident. */
export interface IncidentAttribute {
  type: string;
  value: string;
  securityLabels?: string[];
}

/** Payload of `create-incident`: everything needed to find-or-create the incident by xid. */
export interface CreateIncidentPayload extends AnalysisRef {
  xid: string;
  name: string;
  /** ISO-8601 UTC analysis start. */
  eventDate: string;
  attributes: IncidentAttribute[];
  tags: string[];
}

/** Result of `create-incident`. */
export interface CreateIncidentResult {
  /** ThreatConnect group id of the incident. */
  incidentId: number;
  /** False when the incident already existed (found by xid). */
  created: boolean;
}

/** An indicator as the flow carries it (a transport shape, independent of the extractor). */
export interface IndicatorInput {
  type: 'Address' | 'Host' | 'URL' | 'File';
  /** Summary: the value, or `md5 : sha1 : sha256` for files. */
  value: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  size?: number;
  /** File occurrence (file name, analysis date), files only. */
  occurrence?: { fileName?: string; date?: string };
}

/** Payload of `create-indicators`: one chunk of an analysis' indicators. */
export interface CreateIndicatorsPayload extends AnalysisRef {
  /** Chunk number, 0-based. */
  chunk: number;
  /** Number of chunks of this analysis. */
  chunks: number;
  indicators: IndicatorInput[];
}

/** An indicator ThreatConnect did not take, and why (exclusion list, invalid value...). */
export interface SkippedIndicator {
  type: IndicatorInput['type'];
  value: string;
  reason: string;
}

/** Result of `create-indicators`. */
export interface CreateIndicatorsResult {
  /** ThreatConnect ids of the indicators created or found, to associate. */
  indicatorIds: number[];
  /** Indicators not created, with the reason (not failures). */
  skipped: SkippedIndicator[];
}

/** Payload of `associate`, the flow parent: reads its children's results. */
export interface AssociatePayload extends AnalysisRef {
  xid: string;
  /** Report version the flow was built from. */
  version: string;
  /** Indicator ids per PUT. */
  associateChunkSize: number;
}

/** Result of `associate`. */
export interface AssociateResult {
  incidentId: number;
  /** Indicators associated in this run. */
  associated: number;
  /** Indicator chunks that failed permanently: child job key and reason. */
  failedChunks: { job: string; reason: string }[];
}
