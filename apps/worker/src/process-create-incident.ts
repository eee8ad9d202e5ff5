// create-incident: find the analysis' incident (xid, then the legacy Analysis ID attribute) or
// create it. BUG-18: an attribute type or security label missing in the owner must not fail the
// whole analysis; the incident is created without it and the delivery carries a warning saying
// exactly what to create where.
import type { Job } from 'bullmq';
import type { CreateIncidentPayload, CreateIncidentResult } from '@cuckoo-tc/queues';
import {
  isTcMissingMetadataError,
  type CreateIncidentInput,
  type TcGroup,
  type TcMissingMetadataError,
} from '@cuckoo-tc/threatconnect';
import { addDeliveryWarnings, countAttempt, writeDelivery } from './delivery-record.js';
import { jobLogger, recordRef, type ProcessorDeps } from './processor-deps.js';
import { failJobForTcError } from './tc-failure.js';

/** Options of {@link processCreateIncident}. */
export interface CreateIncidentOptions {
  /**
   * Also look for an incident without xid by its Analysis ID attribute (made by the old
   * reporting module) before creating one; costs one call per new incident. @defaultValue true
   */
  findLegacyIncidents?: boolean;
}

type Input = CreateIncidentInput & { attributes: NonNullable<CreateIncidentInput['attributes']> };

function toInput(data: CreateIncidentPayload): Input {
  return {
    name: data.name,
    eventDate: data.eventDate,
    xid: data.xid,
    attributes: data.attributes.map(a => ({
      type: a.type,
      value: a.value,
      ...(a.securityLabels?.length ? { securityLabels: [...a.securityLabels] } : {}),
    })),
    ...(data.tags.length > 0 ? { tags: [...data.tags] } : {}),
  };
}

/** Removes what ThreatConnect said is missing; returns the warning, or null if nothing changed. */
export function withoutMissing(
  input: Input,
  err: TcMissingMetadataError,
): { input: Input; warning: string } | null {
  const missing = new Set(err.names.map(n => n.toLowerCase()));
  const all = missing.size === 0;
  if (err.kind === 'attribute-type') {
    const kept = input.attributes.filter(a => !all && !missing.has(a.type.toLowerCase()));
    if (kept.length === input.attributes.length) {
      return null;
    }
    const dropped = input.attributes.filter(a => !kept.includes(a)).map(a => `'${a.type}'`);
    const warning =
      `group attribute type ${dropped.join(', ')} does not exist in owner '${err.owner}': ` +
      `incident created without it; create it (ThreatConnect > Settings > Attribute Types, ` +
      `for Incidents) and check with 'cuckoo-tc doctor'`;
    return { input: { ...input, attributes: kept }, warning };
  }
  const labelled = input.attributes.flatMap(a => a.securityLabels ?? []);
  const dropped = [...new Set([...labelled, ...(input.securityLabels ?? [])])].filter(
    l => all || missing.has(l.toLowerCase()),
  );
  if (dropped.length === 0) {
    return null;
  }
  const keep = (labels: readonly string[] | undefined): string[] =>
    (labels ?? []).filter(l => !dropped.includes(l));
  const warning =
    `security label ${dropped.map(l => `'${l}'`).join(', ')} does not exist in owner ` +
    `'${err.owner}': incident created without it; create it (ThreatConnect > Settings > ` +
    `Security Labels) or change incident.attributeSecurityLabels, and check with 'cuckoo-tc doctor'`;
  return {
    input: {
      ...input,
      attributes: input.attributes.map(a => ({ ...a, securityLabels: keep(a.securityLabels) })),
      securityLabels: keep(input.securityLabels),
    },
    warning,
  };
}

async function createTolerant(
  deps: ProcessorDeps,
  first: Input,
): Promise<{ group: TcGroup; warnings: string[] }> {
  const warnings: string[] = [];
  let input = first;
  // At most one retry per kind (attribute types, then labels, or the reverse).
  for (let round = 0; ; round++) {
    try {
      return { group: await deps.client.createIncident(input), warnings };
    } catch (err) {
      const next = round < 2 && isTcMissingMetadataError(err) ? withoutMissing(input, err) : null;
      if (next === null) {
        throw err;
      }
      warnings.push(next.warning);
      input = next.input;
    }
  }
}

async function findExisting(
  deps: ProcessorDeps,
  data: CreateIncidentPayload,
  options: CreateIncidentOptions,
): Promise<TcGroup | null> {
  if (options.findLegacyIncidents === false) {
    return deps.client.getGroupByXid(data.xid);
  }
  // Both lookups at once: a new incident needs both answers, so this saves one round trip of
  // latency on every delivery at the cost of one call on a re-run.
  const [byXid, legacy] = await Promise.all([
    deps.client.getGroupByXid(data.xid),
    deps.client.findIncidentByAnalysisId(data.taskId),
  ]);
  if (byXid !== null) {
    return byXid;
  }
  // An incident with another xid belongs to another sandbox instance with the same task id.
  return legacy !== null && (legacy.xid === null || legacy.xid === data.xid) ? legacy : null;
}

/** Processor of `create-incident`. */
export async function processCreateIncident(
  deps: ProcessorDeps,
  job: Job<CreateIncidentPayload>,
  token: string | undefined,
  options: CreateIncidentOptions = {},
): Promise<CreateIncidentResult> {
  const log = jobLogger(deps.logger, job);
  const ref = recordRef(deps.prefix, job.data);
  await countAttempt(deps.redis, ref, job.name);
  let found: { group: TcGroup; warnings: string[]; created: boolean };
  try {
    const existing = await findExisting(deps, job.data, options);
    found = existing
      ? { group: existing, warnings: [], created: false }
      : { ...(await createTolerant(deps, toInput(job.data))), created: true };
  } catch (err) {
    return failJobForTcError(err, job, token, deps.throttle);
  }
  const { group, warnings, created } = found;
  for (const warning of warnings) {
    log.warn({ incidentId: group.id }, warning);
  }
  await addDeliveryWarnings(deps.redis, ref, warnings);
  await writeDelivery(deps.redis, ref, {
    status: 'incident-ready',
    xid: job.data.xid,
    incidentId: group.id,
    webLink: group.webLink,
    incidentCreated: created,
    'at.incidentAt': new Date().toISOString(),
  });
  log.info({ incidentId: group.id, created }, created ? 'incident created' : 'incident found');
  return { incidentId: group.id, created };
}
