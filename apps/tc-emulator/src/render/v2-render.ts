// v2 JSON shapes (entity keys incident, attribute, address, host, url, file, fileOccurrence).
import type {
  AttributeRecord,
  FileOccurrenceRecord,
  GroupRecord,
  IndicatorRecord,
} from '../store/records.js';
import type { RenderContext } from './v3-render.js';

/** v2 path segment of each indicator type, and the entity key of its responses. */
export const V2_INDICATOR_TYPES = {
  addresses: { type: 'Address', key: 'address' },
  hosts: { type: 'Host', key: 'host' },
  urls: { type: 'URL', key: 'url' },
  files: { type: 'File', key: 'file' },
} as const;

function owner(ctx: RenderContext, name: string) {
  const record = ctx.catalog.find(name);
  return { id: record?.id, name, type: record?.type };
}

/** A group as v2 returns it (`xid` only with includeAdditional=true). */
export function renderIncidentV2(g: GroupRecord, ctx: RenderContext, includeAdditional: boolean) {
  return {
    id: g.id,
    name: g.name,
    owner: owner(ctx, g.ownerName),
    dateAdded: g.dateAdded,
    lastModified: g.lastModified,
    webLink: `${ctx.origin}/auth/incident/incident.xhtml?incident=${g.id}`,
    eventDate: g.eventDate ?? undefined,
    status: g.status ?? undefined,
    xid: includeAdditional ? (g.xid ?? undefined) : undefined,
  };
}

/** An attribute as v2 returns it. */
export function renderAttributeV2(a: AttributeRecord) {
  return {
    id: a.id,
    type: a.type,
    dateAdded: a.dateAdded,
    lastModified: a.lastModified,
    displayed: a.default,
    value: a.value,
  };
}

/** A file occurrence as v2 returns it. */
export function renderOccurrenceV2(o: FileOccurrenceRecord) {
  return {
    id: o.id,
    fileName: o.fileName ?? undefined,
    path: o.path ?? undefined,
    date: o.date ?? undefined,
  };
}

/** An indicator as v2 returns it. */
export function renderIndicatorV2(i: IndicatorRecord, ctx: RenderContext) {
  const base = {
    id: i.id,
    owner: owner(ctx, i.ownerName),
    dateAdded: i.dateAdded,
    lastModified: i.lastModified,
    rating: i.rating ?? undefined,
    confidence: i.confidence ?? undefined,
    webLink: `${ctx.origin}/auth/indicators/details/indicator.xhtml?id=${i.id}`,
  };
  switch (i.type) {
    case 'Address':
      return { ...base, ip: i.ip };
    case 'Host':
      return { ...base, hostName: i.hostName };
    case 'URL':
      return { ...base, text: i.text };
    case 'File':
      return {
        ...base,
        md5: i.md5 ?? undefined,
        sha1: i.sha1 ?? undefined,
        sha256: i.sha256 ?? undefined,
        size: i.size ?? undefined,
      };
  }
}
