// create-indicators: one chunk of an analysis' indicators. Known ids come from the
// cross-analysis cache (no call); the rest are upserted (idempotent). Exclusion-list and invalid
// values are skipped with their reason, not failures. A throttle parks the whole chunk; what was
// already upserted is in the cache by then, so the re-run does not repeat it.
import type { Job } from 'bullmq';
import type {
  CreateIndicatorsPayload,
  CreateIndicatorsResult,
  IndicatorInput,
  SkippedIndicator,
} from '@cuckoo-tc/queues';
import { classifyOutcome, isTcRequestError } from '@cuckoo-tc/threatconnect';
import { countAttempt, writeDelivery, type ChunkOutcome } from './delivery-record.js';
import type { IndicatorCache } from './indicator-cache.js';
import { toTcIndicator } from './indicator-input.js';
import { jobLogger, recordRef, type ProcessorDeps } from './processor-deps.js';
import { failJobForTcError } from './tc-failure.js';

/** Skip reasons recorded for indicators ThreatConnect did not take. */
export const SKIP_REASONS = {
  excluded: 'exclusion-list',
  invalid: 'invalid-value',
  rejected: 'rejected',
} as const;

type Upserted = { id: number } | { skipped: SkippedIndicator };

function refusedThisValue(err: unknown): boolean {
  return isTcRequestError(err) && err.status !== null && err.status >= 400 && err.status < 500;
}

/** Upserts one indicator; returns its id or why it was skipped; throws job-level failures. */
async function upsertOne(deps: ProcessorDeps, indicator: IndicatorInput): Promise<Upserted> {
  try {
    const upserted = await deps.client.upsertIndicator(toTcIndicator(indicator));
    return { id: upserted.id };
  } catch (err) {
    const outcome = classifyOutcome(err);
    const skip = (reason: string): Upserted => ({
      skipped: { type: indicator.type, value: indicator.value, reason },
    });
    if (outcome === 'skip-excluded') {
      return skip(SKIP_REASONS.excluded);
    }
    if (outcome === 'skip-invalid') {
      return skip(SKIP_REASONS.invalid);
    }
    // One odd value ThreatConnect refuses (a 4xx about this request) must not lose the other
    // indicators of the chunk. Anything that says nothing about the value (no answer, a proxy's
    // page, a redirect) or concerns every call (credentials, owner) fails the job instead.
    if (outcome === 'permanent' && refusedThisValue(err)) {
      const message = err instanceof Error ? err.message : String(err);
      return skip(`${SKIP_REASONS.rejected}: ${message}`);
    }
    throw err;
  }
}

function countSkipped(skipped: readonly SkippedIndicator[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of skipped) {
    const reason = s.reason.startsWith(SKIP_REASONS.rejected) ? SKIP_REASONS.rejected : s.reason;
    out[reason] = (out[reason] ?? 0) + 1;
  }
  return out;
}

/** Processor of `create-indicators`. */
export async function processCreateIndicators(
  deps: ProcessorDeps & { cache: IndicatorCache },
  job: Job<CreateIndicatorsPayload>,
  token: string | undefined,
): Promise<CreateIndicatorsResult> {
  const log = jobLogger(deps.logger, job);
  const ref = recordRef(deps.prefix, job.data);
  await countAttempt(deps.redis, ref, job.name);
  const { indicators } = job.data;
  const cachedIds = await deps.cache.lookup(indicators);
  const ids: number[] = [];
  const skipped: SkippedIndicator[] = [];
  const outcome: ChunkOutcome = { created: 0, cached: 0, skipped: {} };
  for (const [index, indicator] of indicators.entries()) {
    const cached = cachedIds[index];
    if (cached !== undefined) {
      ids.push(cached);
      outcome.cached++;
      deps.metrics?.indicators.inc({ type: indicator.type, outcome: 'cached' });
      continue;
    }
    let result: Upserted;
    try {
      result = await upsertOne(deps, indicator);
    } catch (err) {
      return failJobForTcError(err, job, token, deps.throttle);
    }
    if ('id' in result) {
      ids.push(result.id);
      outcome.created++;
      await deps.cache.remember(indicator, result.id);
      deps.metrics?.indicators.inc({ type: indicator.type, outcome: 'created' });
    } else {
      skipped.push(result.skipped);
      const label = result.skipped.reason.startsWith('exclusion')
        ? 'skipped-excluded'
        : 'skipped-invalid';
      deps.metrics?.indicators.inc({ type: indicator.type, outcome: label });
      log.info({ indicator: indicator.value, reason: result.skipped.reason }, 'indicator skipped');
    }
  }
  outcome.skipped = countSkipped(skipped);
  await writeDelivery(deps.redis, ref, { [`chunk.${job.data.chunk}`]: outcome });
  log.info({ chunk: job.data.chunk, ...outcome }, 'indicator chunk done');
  return { indicatorIds: [...new Set(ids)], skipped };
}
