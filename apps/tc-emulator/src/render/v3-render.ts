// v3 JSON shapes of groups and indicators; nested collections only when `?fields=` asks.
import type { OwnerCatalog } from '../catalog.js';
import { badRequest } from '../http/api-error.js';
import type { AttributeRecord, GroupRecord, IndicatorRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** What rendering needs besides the record. */
export interface RenderContext {
  catalog: OwnerCatalog;
  store: Store;
  /** Origin used for webLink values, e.g. `http://127.0.0.1:8080`. */
  origin: string;
}

const GROUP_FIELDS = ['attributes', 'associatedIndicators', 'securityLabels', 'tags'];
const INDICATOR_FIELDS = [
  'attributes',
  'associatedGroups',
  'securityLabels',
  'tags',
  'fileOccurrences',
];

/** The `fields` query values (repeatable or comma-separated); an unknown one is a 400. */
export function parseFields(query: URLSearchParams, kind: 'group' | 'indicator'): Set<string> {
  const allowed = kind === 'group' ? GROUP_FIELDS : INDICATOR_FIELDS;
  const fields = query
    .getAll('fields')
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  const unknown = fields.find(f => !allowed.includes(f));
  if (unknown !== undefined) {
    throw badRequest(
      `The field ${unknown} is not valid here; valid fields are ${allowed.join(', ')}`,
    );
  }
  return new Set(fields);
}

const labelData = (names: string[]) => ({ data: names.map(name => ({ name })) });

function renderAttribute(a: AttributeRecord) {
  return {
    id: a.id,
    dateAdded: a.dateAdded,
    type: a.type,
    value: a.value,
    source: a.source ?? undefined,
    lastModified: a.lastModified,
    pinned: a.pinned,
    default: a.default,
    securityLabels: labelData(a.securityLabels),
  };
}

function ownerId(ctx: RenderContext, name: string): number | undefined {
  return ctx.catalog.find(name)?.id;
}

/** One indicator as v3 returns it. */
export function renderIndicatorV3(i: IndicatorRecord, fields: Set<string>, ctx: RenderContext) {
  const out: Record<string, unknown> = {
    id: i.id,
    dateAdded: i.dateAdded,
    ownerId: ownerId(ctx, i.ownerName),
    ownerName: i.ownerName,
    webLink: `${ctx.origin}/auth/indicators/details/indicator.xhtml?id=${i.id}`,
    type: i.type,
    lastModified: i.lastModified,
    rating: i.rating ?? undefined,
    confidence: i.confidence ?? undefined,
    summary: i.summary,
    privateFlag: false,
    active: i.active,
    activeLocked: false,
  };
  const value = {
    ip: i.ip,
    hostName: i.hostName,
    text: i.text,
    md5: i.md5,
    sha1: i.sha1,
    sha256: i.sha256,
  };
  Object.entries(value).forEach(([key, v]) => v !== null && (out[key] = v));
  if (i.size !== null) {
    out.size = i.size;
  }
  const nested: Record<string, () => unknown> = {
    attributes: () => ({ data: i.attributes.map(renderAttribute) }),
    securityLabels: () => labelData(i.securityLabels),
    tags: () => ({ data: i.tags.map(name => ({ name })) }),
    fileOccurrences: () => ({ data: i.fileOccurrences }),
    associatedGroups: () => ({
      data: i.associatedGroupIds
        .flatMap(id => ctx.store.group(id) ?? [])
        .map(g => renderGroupV3(g, new Set(), ctx)),
    }),
  };
  fields.forEach(field => (out[field] = nested[field]?.()));
  return out;
}

/** One group as v3 returns it. */
export function renderGroupV3(g: GroupRecord, fields: Set<string>, ctx: RenderContext) {
  const out: Record<string, unknown> = {
    id: g.id,
    dateAdded: g.dateAdded,
    ownerId: ownerId(ctx, g.ownerName),
    ownerName: g.ownerName,
    webLink: `${ctx.origin}/auth/incident/incident.xhtml?incident=${g.id}`,
    type: g.type,
    name: g.name,
    xid: g.xid ?? undefined,
    createdBy: { userName: 'emulator', owner: g.ownerName },
    upVoteCount: '0',
    downVoteCount: '0',
    status: g.status ?? undefined,
    eventDate: g.eventDate ?? undefined,
    lastModified: g.lastModified,
  };
  const nested: Record<string, () => unknown> = {
    attributes: () => ({ data: g.attributes.map(renderAttribute) }),
    securityLabels: () => labelData(g.securityLabels),
    tags: () => ({ data: g.tags.map(name => ({ name })) }),
    associatedIndicators: () => ({
      data: g.associatedIndicatorIds
        .flatMap(id => ctx.store.indicator(id) ?? [])
        .map(i => renderIndicatorV3(i, new Set(), ctx)),
    }),
  };
  fields.forEach(field => (out[field] = nested[field]?.()));
  return out;
}
