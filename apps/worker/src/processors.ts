// One processor function per queue, dispatching by job name to the plain processors.
import type { FlowJob, Job } from 'bullmq';
import {
  JOB_NAMES,
  type AssociatePayload,
  type CreateIncidentPayload,
  type CreateIndicatorsPayload,
  type ParseReportPayload,
  type QueueName,
} from '@cuckoo-tc/queues';
import type { IndicatorCache } from './indicator-cache.js';
import { processAssociate } from './process-associate.js';
import { processCreateIncident, type CreateIncidentOptions } from './process-create-incident.js';
import { processCreateIndicators } from './process-create-indicators.js';
import { processParseReport, type ParseReportOptions } from './process-parse-report.js';
import type { ProcessorDeps } from './processor-deps.js';

/** What {@link buildProcessors} needs. */
export interface ProcessorsDeps extends ProcessorDeps {
  cache: IndicatorCache;
  /** Null when this process does not parse. */
  parseOptions: ParseReportOptions | null;
  addFlow: (flow: FlowJob) => Promise<unknown>;
  createIncident?: CreateIncidentOptions;
}

/** A queue's processor. */
export type QueueProcessor = (
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<unknown>;

function unknownJob(queue: string, job: Job): never {
  throw new Error(
    `queue ${queue} has no processor for job name '${job.name}' (job ${job.id ?? '?'})`,
  );
}

/** The processor of each queue. */
export function buildProcessors(deps: ProcessorsDeps): Record<QueueName, QueueProcessor> {
  return {
    parse: async (job, _token, signal) => {
      if (job.name !== JOB_NAMES.parseReport || deps.parseOptions === null) {
        return unknownJob('parse', job);
      }
      return processParseReport(deps, job as Job<ParseReportPayload>, deps.parseOptions, signal);
    },
    indicators: async (job, token) => {
      if (job.name !== JOB_NAMES.createIndicators) {
        return unknownJob('indicators', job);
      }
      return processCreateIndicators(deps, job as Job<CreateIndicatorsPayload>, token);
    },
    incidents: async (job, token) => {
      if (job.name === JOB_NAMES.createIncident) {
        return processCreateIncident(
          deps,
          job as Job<CreateIncidentPayload>,
          token,
          deps.createIncident,
        );
      }
      if (job.name === JOB_NAMES.associate) {
        return processAssociate(deps, job as Job<AssociatePayload>, token);
      }
      return unknownJob('incidents', job);
    },
  };
}
