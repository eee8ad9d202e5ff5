// associate: the flow parent. Reads what its children produced (incident id, indicator ids,
// skipped values, chunks that failed for good) and associates the ids with the incident, one
// PUT (mode append) per chunk, so a re-run adds nothing new. A 404 on a chunk means a cached id
// went stale (the indicator was deleted in ThreatConnect): those ids are upserted again.
import { UnrecoverableError, type Job } from 'bullmq';
import {
  chunk as chunksOf,
  collectAssociateInputs,
  type AssociatePayload,
  type AssociateResult,
} from '@cuckoo-tc/queues';
import { isThreatConnectError } from '@cuckoo-tc/threatconnect';
import { countAttempt, deliveryKey, writeDelivery } from './delivery-record.js';
import type { IndicatorCache } from './indicator-cache.js';
import { toTcIndicator } from './indicator-input.js';
import { jobLogger, recordRef, type ProcessorDeps } from './processor-deps.js';
import { SKIP_REASONS } from './process-create-indicators.js';
import { failJobForTcError } from './tc-failure.js';

function isNotFound(err: unknown): boolean {
  return isThreatConnectError(err) && err.status === 404;
}

/** Replaces the cached ids of `ids` by fresh upserts; ids without a cache entry stay. */
async function refreshStale(
  deps: ProcessorDeps & { cache: IndicatorCache },
  ids: readonly number[],
): Promise<number[]> {
  const fresh: number[] = [];
  for (const id of ids) {
    const indicator = await deps.cache.indicatorOf(id);
    if (indicator === null) {
      fresh.push(id);
      continue;
    }
    const upserted = await deps.client.upsertIndicator(toTcIndicator(indicator));
    if (upserted.id !== id) {
      await deps.cache.forget(id);
      await deps.cache.remember(indicator, upserted.id);
    }
    fresh.push(upserted.id);
  }
  return fresh;
}

async function associateChunk(
  deps: ProcessorDeps & { cache: IndicatorCache },
  incident: { id: number; xid: string },
  ids: readonly number[],
): Promise<number[]> {
  const incidentId = incident.id;
  try {
    await deps.client.associateIndicators(incidentId, ids, ids.length);
    return [...ids];
  } catch (err) {
    if (!isNotFound(err)) {
      throw err;
    }
    // The 404 is about the incident or about an indicator; only the latter can be repaired here.
    const group = await deps.client.getGroupByXid(incident.xid);
    if (group?.id !== incidentId) {
      throw new UnrecoverableError(
        `incident ${incidentId} (xid ${incident.xid}) no longer exists in ThreatConnect; ` +
          `requeue the analysis to create it again`,
      );
    }
    const fresh = await refreshStale(deps, ids);
    await deps.client.associateIndicators(incidentId, fresh, fresh.length);
    return fresh;
  }
}

async function incidentIdOf(
  deps: ProcessorDeps,
  job: Job<AssociatePayload>,
  fromChild: number | undefined,
): Promise<number> {
  if (fromChild !== undefined) {
    return fromChild;
  }
  // The child's value is gone (e.g. the parent was requeued after retention): look it up.
  const group = await deps.client.getGroupByXid(job.data.xid);
  if (group === null) {
    throw new Error(
      `incident ${job.data.xid} not found; requeue the analysis' create-incident job`,
    );
  }
  return group.id;
}

/** Processor of `associate`. */
export async function processAssociate(
  deps: ProcessorDeps & { cache: IndicatorCache },
  job: Job<AssociatePayload>,
  token: string | undefined,
): Promise<AssociateResult> {
  const log = jobLogger(deps.logger, job);
  const ref = recordRef(deps.prefix, job.data);
  await countAttempt(deps.redis, ref, job.name);
  const inputs = collectAssociateInputs(
    await job.getChildrenValues(),
    await job.getIgnoredChildrenFailures(),
  );
  let incidentId: number;
  let associated = 0;
  try {
    incidentId = await incidentIdOf(deps, job, inputs.incident?.incidentId);
    for (const ids of chunksOf(inputs.indicatorIds, job.data.associateChunkSize)) {
      associated += (await associateChunk(deps, { id: incidentId, xid: job.data.xid }, ids)).length;
    }
  } catch (err) {
    return failJobForTcError(err, job, token, deps.throttle);
  }
  const warned = (await deps.redis.hget(deliveryKey(ref), 'warnings')) ?? '[]';
  // A value ThreatConnect refused for a reason we could not name is worth an operator's look.
  const refused = inputs.skipped.some(s => s.reason.startsWith(SKIP_REASONS.rejected));
  const clean = warned === '[]' && inputs.failedChunks.length === 0 && !refused;
  const now = new Date();
  const enqueuedAt = await deps.redis.hget(deliveryKey(ref), 'at.enqueuedAt');
  await writeDelivery(deps.redis, ref, {
    status: clean ? 'delivered' : 'delivered-with-warnings',
    incidentId,
    associated,
    failedChunks: inputs.failedChunks,
    'at.deliveredAt': now.toISOString(),
    ...(enqueuedAt ? { totalMs: now.getTime() - Date.parse(enqueuedAt) } : {}),
    lastError: inputs.failedChunks[0]?.reason ?? null,
  });
  log.info(
    { incidentId, associated, failedChunks: inputs.failedChunks.length },
    'analysis delivered',
  );
  return { incidentId, associated, failedChunks: inputs.failedChunks };
}
