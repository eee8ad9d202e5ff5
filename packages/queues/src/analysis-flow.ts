import type { FlowJobNode, FlowJob } from 'bullmq';
import { JOB_NAMES, JOB_QUEUE, jobOptions, type JobDefaults } from './catalog.js';
import { associateJobId, createIncidentJobId, createIndicatorsJobId } from './job-ids.js';
import type {
  AssociatePayload,
  CreateIncidentPayload,
  CreateIndicatorsPayload,
  IndicatorInput,
} from './payloads.js';

/** What the parse worker decided for one analysis: the incident and its indicators. */
export interface AnalysisFlowInput {
  instance: string;
  taskId: number;
  /** Report version the decision was made from (part of every job id of the flow). */
  version: string;
  /** The incident as the parse decided it; its xid (from the incident description) is the upsert key. */
  incident: Pick<CreateIncidentPayload, 'xid' | 'name' | 'eventDate' | 'attributes' | 'tags'>;
  indicators: readonly IndicatorInput[];
}

/** Options of {@link buildAnalysisFlow}. */
export interface AnalysisFlowOptions {
  /** Indicators per `create-indicators` job. @defaultValue 100 */
  indicatorChunkSize?: number;
  /** Indicator ids per association PUT. @defaultValue 100 */
  associateChunkSize?: number;
  /** Per-job defaults (see `createJobDefaults`). @defaultValue DEFAULT_JOB_OPTIONS */
  jobDefaults?: JobDefaults;
}

/** Splits `items` into chunks of at most `size` (size ≥ 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += step) {
    out.push(items.slice(i, i + step));
  }
  return out;
}

/**
 * The FlowJob tree of one analysis. Every id is deterministic, so adding the same decision
 * twice (a parse job re-run after a stall) adds nothing. Failure policy, chosen per child so no
 * parent waits for ever on a dead child:
 * - `create-incident` fails its parent (`failParentOnFailure`): nothing can be associated
 *   without the incident, and retrying that child later restores the dependency;
 * - indicator chunks are ignored on failure (`ignoreDependencyOnFailure`): the parent still
 *   associates what was created and reads the failures with `getIgnoredChildrenFailures()`.
 */
export function buildAnalysisFlow(
  input: AnalysisFlowInput,
  options: AnalysisFlowOptions = {},
): FlowJob {
  const { instance, taskId, version } = input;
  const { xid } = input.incident;
  const defaults = options.jobDefaults;
  const chunks = chunk(input.indicators, options.indicatorChunkSize ?? 100);
  const incident: CreateIncidentPayload = { instance, taskId, ...input.incident };
  const children: FlowJobNode[] = [
    {
      name: JOB_NAMES.createIncident,
      queueName: JOB_QUEUE['create-incident'],
      data: incident,
      opts: jobOptions(
        'create-incident',
        {
          jobId: createIncidentJobId(instance, taskId, version),
          failParentOnFailure: true,
        },
        defaults,
      ),
    },
    ...chunks.map((indicators, index): FlowJobNode => {
      const data: CreateIndicatorsPayload = {
        instance,
        taskId,
        chunk: index,
        chunks: chunks.length,
        indicators,
      };
      return {
        name: JOB_NAMES.createIndicators,
        queueName: JOB_QUEUE['create-indicators'],
        data,
        opts: jobOptions(
          'create-indicators',
          {
            jobId: createIndicatorsJobId(instance, taskId, version, index),
            ignoreDependencyOnFailure: true,
          },
          defaults,
        ),
      };
    }),
  ];
  const root: AssociatePayload = {
    instance,
    taskId,
    xid,
    version,
    associateChunkSize: options.associateChunkSize ?? 100,
  };
  return {
    name: JOB_NAMES.associate,
    queueName: JOB_QUEUE.associate,
    data: root,
    opts: jobOptions('associate', { jobId: associateJobId(instance, taskId, version) }, defaults),
    children,
  };
}
