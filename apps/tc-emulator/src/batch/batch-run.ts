// Runs a batch file against the store: groups (upsert by xid), indicators (upsert by value),
// then associations. Each failing item becomes an error entry; haltOnError stops at the first.
import type { OwnerRecord } from '../catalog.js';
import type { DomainDeps } from '../domain/deps.js';
import { GROUP_TYPES, planGroupCreate, planGroupUpdate } from '../domain/group-writes.js';
import { identifyIndicator, indicatorType } from '../domain/indicator-identity.js';
import { planIndicatorWrite } from '../domain/indicator-writes.js';
import { badRequest, isApiError } from '../http/api-error.js';
import type { GroupRecord, IndicatorRecord } from '../store/records.js';
import {
  batchFileItems,
  batchGroupBody,
  batchGroupLinks,
  batchIndicatorBody,
  batchIndicatorValue,
} from './batch-items.js';
import type { BatchCounts, BatchJob } from './batch-jobs.js';

type Item = Record<string, unknown>;
type Kind = 'Group' | 'Indicator' | 'Association';

function writeGroup(deps: DomainDeps, owner: OwnerRecord, job: BatchJob, item: Item): void {
  const body = batchGroupBody(item, job.config);
  const existing = deps.store.groupByXid(body.xid as string);
  if (existing && existing.ownerName !== owner.name) {
    throw badRequest('The xid for this Group is invalid, a Group with this xid already exists');
  }
  (existing ? planGroupUpdate(deps, existing, body) : planGroupCreate(deps, owner, body)).apply();
}

function groupByXid(deps: DomainDeps, owner: OwnerRecord, xid: unknown): GroupRecord {
  const group = typeof xid === 'string' ? deps.store.groupByXid(xid) : undefined;
  if (!group || group.ownerName !== owner.name) {
    throw badRequest(`The group with xid ${String(xid)} was not found`);
  }
  return group;
}

function writeIndicator(deps: DomainDeps, owner: OwnerRecord, job: BatchJob, item: Item): void {
  const type = indicatorType(item.type);
  const body = batchIndicatorBody(type, item, job.config, xid => groupByXid(deps, owner, xid).id);
  planIndicatorWrite(deps, owner, identifyIndicator(deps, owner, type, body), body).apply();
}

function side(
  deps: DomainDeps,
  owner: OwnerRecord,
  ref: unknown,
  type: unknown,
): GroupRecord | IndicatorRecord {
  if (typeof type === 'string' && GROUP_TYPES.includes(type)) {
    return groupByXid(deps, owner, ref);
  }
  const indicator = indicatorType(type);
  const body = batchIndicatorValue(indicator, { summary: ref });
  const found = identifyIndicator(deps, owner, indicator, body).existing;
  if (!found) {
    throw badRequest(`The ${indicator} indicator ${String(ref)} was not found`);
  }
  return found;
}

function writeAssociation(deps: DomainDeps, owner: OwnerRecord, _job: BatchJob, item: Item): void {
  const one = side(deps, owner, item.ref_1 ?? item.id_1, item.type_1);
  const two = side(deps, owner, item.ref_2 ?? item.id_2, item.type_2);
  const group = 'xid' in one ? one : 'xid' in two ? two : null;
  const indicator = 'summary' in one ? one : 'summary' in two ? two : null;
  if (!group || !indicator) {
    throw badRequest(
      `Invalid association, a ${String(item.type_1)} cannot be associated with a ${String(item.type_2)}`,
    );
  }
  deps.store.associate(group, indicator);
}

const WRITERS = { Group: writeGroup, Indicator: writeIndicator, Association: writeAssociation };

function count(counts: BatchCounts, kind: Kind, ok: boolean): void {
  const key = `${ok ? 'success' : 'error'}${kind}Count` as keyof BatchCounts;
  counts[key] += 1;
}

/** Runs `content` for `job` in `owner`; fills the job's counts and errors. */
export function runBatch(
  deps: DomainDeps,
  owner: OwnerRecord,
  job: BatchJob,
  content: unknown,
  maxIndicators: number,
): void {
  const { groups, indicators, associations } = batchFileItems(content);
  const queue: [Kind, Item][] = [
    ...groups.map(g => ['Group', g] as [Kind, Item]),
    ...indicators.map(i => ['Indicator', i] as [Kind, Item]),
    ...[...associations, ...groups.flatMap(batchGroupLinks)].map(
      a => ['Association', a] as [Kind, Item],
    ),
  ];
  if (indicators.length > maxIndicators) {
    job.errors.push({
      errorReason: `Batch job would exceed the number of allowed indicators (${maxIndicators})`,
      errorSource: '',
    });
    job.counts.unprocessCount = queue.length;
    return;
  }
  for (const [index, [kind, item]] of queue.entries()) {
    try {
      WRITERS[kind](deps, owner, job, item);
      count(job.counts, kind, true);
    } catch (error) {
      const reason = isApiError(error)
        ? error.message
        : 'Encountered an unexpected Exception while processing batch job';
      job.errors.push({ errorReason: reason, errorSource: JSON.stringify(item).slice(0, 1000) });
      count(job.counts, kind, false);
      if (job.config.haltOnError) {
        job.counts.unprocessCount = queue.length - index - 1;
        break;
      }
    }
  }
  deps.store.changed();
}
