// v2 lookups shared by the group and indicator routes.
import { notFound } from '../http/api-error.js';
import type { RouteContext } from '../http/router.js';
import { V2_INDICATOR_TYPES } from '../render/v2-render.js';
import type { GroupRecord, IndicatorRecord } from '../store/records.js';
import { hashKindOf, normaliseAddress } from '../values/indicator-values.js';

/** The v2 indicator path type (`addresses`, ...) or a 404. */
export function v2Type(segment: string | undefined) {
  const entry = V2_INDICATOR_TYPES[segment as keyof typeof V2_INDICATOR_TYPES];
  if (!entry) {
    throw notFound();
  }
  return entry;
}

/** The incident with this id, visible to the caller, else a 404. */
export function findIncident(ctx: RouteContext, id: string | undefined): GroupRecord {
  const group = /^\d{1,15}$/.test(id ?? '') ? ctx.deps.store.group(Number(id)) : undefined;
  const visible =
    group && ctx.deps.catalog.accessible(ctx.deps.user).some(o => o.name === group.ownerName);
  if (!group || !visible || group.type !== 'Incident') {
    throw notFound();
  }
  return group;
}

/** The indicator of a v2 path (`/{type}/{value}`) in the request's owner, else a 404. */
export function findIndicatorV2(
  ctx: RouteContext,
  typeSegment: string,
  value: string,
): IndicatorRecord {
  const { type } = v2Type(typeSegment);
  const owner = ctx.owner().name;
  const { store } = ctx.deps;
  let record: IndicatorRecord | undefined;
  if (type === 'File') {
    const kind = hashKindOf(value);
    record = kind ? store.fileByHash(owner, kind, value) : undefined;
  } else {
    const key = type === 'Address' ? (normaliseAddress(value) ?? value) : value;
    record = store.indicatorByValue(owner, type, key);
  }
  if (!record) {
    throw notFound();
  }
  return record;
}
