// Finds an indicator from a path segment: a numeric id, or a summary (address, host, URL, a
// hash, or `md5 : sha1 : sha256`) looked up in one owner; hashes match case-insensitively.
import ipaddr from 'ipaddr.js';
import { notFound } from '../http/api-error.js';
import type { RouteContext } from '../http/router.js';
import type { IndicatorRecord } from '../store/records.js';
import { hashKindOf, normaliseAddress } from '../values/indicator-values.js';

function bySummary(ctx: RouteContext, owner: string, summary: string): IndicatorRecord | undefined {
  const { store } = ctx.deps;
  const parts = summary.split(' : ');
  const hashes = parts.map(part => [hashKindOf(part), part] as const);
  if (hashes.every(([kind]) => kind !== null)) {
    const found = hashes.map(([kind, hash]) => store.fileByHash(owner, kind ?? 'md5', hash));
    const first = found[0];
    return first && found.every(f => f === first) ? first : undefined;
  }
  const address = ipaddr.isValid(summary) ? normaliseAddress(summary) : null;
  return (
    (address !== null ? store.indicatorByValue(owner, 'Address', address) : undefined) ??
    store.indicatorByValue(owner, 'Host', summary) ??
    store.indicatorByValue(owner, 'URL', summary)
  );
}

/** The indicator a path segment names; 404 when absent or not visible to the caller. */
export function findIndicator(ctx: RouteContext, idOrSummary: string): IndicatorRecord {
  const { store, catalog, user } = ctx.deps;
  const isId = /^\d{1,15}$/.test(idOrSummary);
  const record = isId
    ? store.indicator(Number(idOrSummary))
    : bySummary(ctx, ctx.owner().name, idOrSummary);
  const explicitOwner = ctx.query.get('owner');
  if (
    !record ||
    !catalog.accessible(user).some(o => o.name === record.ownerName) ||
    (isId && explicitOwner && record.ownerName !== explicitOwner)
  ) {
    throw notFound();
  }
  return record;
}
