// Create-or-update of an indicator (v3 POST is an upsert by value per owner) and v3 PUT.
// Everything is validated first; the returned plan applies the change.
import type { OwnerRecord } from '../catalog.js';
import { badRequest, notFound } from '../http/api-error.js';
import type { FileOccurrenceRecord, GroupRecord, IndicatorRecord } from '../store/records.js';
import { parseDateInput } from '../values/dates.js';
import { applyAttributes, resolveLabelNames } from './attributes.js';
import type { Collection } from './collections.js';
import { applyNames, parseCollection, requireId } from './collections.js';
import type { DomainDeps, WritePlan } from './deps.js';
import type { IndicatorIdentity } from './indicator-identity.js';

/** Result of applying an indicator write. */
export interface IndicatorWrite {
  record: IndicatorRecord;
  created: boolean;
}

function numberIn(body: Record<string, unknown>, field: string, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || value < 0 || value > max) {
    throw badRequest(
      `The ${field} for this Indicator is invalid, please enter a value between 0-${max}`,
    );
  }
  return value;
}

/** The group a nested `{id}` names, if the caller may see it; else a 404. */
export function accessibleGroup(deps: DomainDeps, id: number): GroupRecord {
  const group = deps.store.group(id);
  if (!group || !deps.catalog.accessible(deps.user).some(o => o.name === group.ownerName)) {
    throw notFound();
  }
  return group;
}

function occurrences(collection: Collection | null): FileOccurrenceRecord[] {
  return (collection?.data ?? []).map(item => {
    const text = (field: string): string | null =>
      typeof item[field] === 'string' && item[field] !== '' ? (item[field] as string) : null;
    const date = item.date === undefined || item.date === null ? null : parseDateInput(item.date);
    if (item.date != null && date === null) {
      throw badRequest('Please enter a valid date for this File Occurrence');
    }
    if (text('fileName') === null && text('path') === null && date === null) {
      throw badRequest('A File Occurrence needs a fileName, a path or a date');
    }
    return { id: 0, fileName: text('fileName'), path: text('path'), date };
  });
}

function newRecord(
  deps: DomainDeps,
  owner: OwnerRecord,
  identity: IndicatorIdentity,
): IndicatorRecord {
  const value = (type: string): string | null => (identity.type === type ? identity.summary : null);
  return {
    id: 0,
    type: identity.type,
    summary: identity.summary,
    ownerName: owner.name,
    ip: value('Address'),
    hostName: value('Host'),
    text: value('URL'),
    md5: identity.hashes.md5 ?? null,
    sha1: identity.hashes.sha1 ?? null,
    sha256: identity.hashes.sha256 ?? null,
    size: null,
    rating: null,
    confidence: null,
    active: true,
    dateAdded: deps.now,
    lastModified: deps.now,
    attributes: [],
    securityLabels: [],
    tags: [],
    fileOccurrences: [],
    associatedGroupIds: [],
  };
}

function applyGroups(
  deps: DomainDeps,
  record: IndicatorRecord,
  groups: GroupRecord[],
  c: Collection,
) {
  if (c.mode === 'delete') {
    groups.forEach(g => deps.store.dissociate(g, record));
    return;
  }
  if (c.mode === 'replace') {
    record.associatedGroupIds
      .map(id => deps.store.group(id))
      .forEach(g => g && !groups.includes(g) && deps.store.dissociate(g, record));
  }
  groups.forEach(g => deps.store.associate(g, record));
}

function addOccurrences(deps: DomainDeps, record: IndicatorRecord, list: FileOccurrenceRecord[]) {
  for (const item of list) {
    const same = record.fileOccurrences.some(
      o => o.fileName === item.fileName && o.path === item.path && o.date === item.date,
    );
    if (!same) {
      record.fileOccurrences.push({ ...item, id: deps.store.nextId('occurrence') });
    }
  }
}

/** A checked indicator body, ready to apply. */
interface CheckedIndicatorBody {
  rating: number | undefined;
  confidence: number | undefined;
  size: number | undefined;
  active: boolean | undefined;
  attributes: Collection | null;
  labels: { names: string[]; mode: Collection['mode'] } | null;
  tags: Collection | null;
  groups: { list: GroupRecord[]; collection: Collection } | null;
  occurrences: FileOccurrenceRecord[];
}

function checkBody(
  deps: DomainDeps,
  owner: OwnerRecord,
  identity: IndicatorIdentity,
  body: Record<string, unknown>,
): CheckedIndicatorBody {
  const attributes = parseCollection(body, 'attributes');
  // Validate attributes against a throwaway list first so a bad one creates nothing.
  if (attributes) {
    applyAttributes(owner, deps.store, [], { ...attributes, mode: 'append' }, deps.now);
  }
  const labelsIn = parseCollection(body, 'securityLabels');
  const groupsIn = parseCollection(body, 'associatedGroups');
  const occurrenceIn = parseCollection(body, 'fileOccurrences');
  if (occurrenceIn && identity.type !== 'File') {
    throw badRequest('Only File indicators have fileOccurrences');
  }
  return {
    rating: numberIn(body, 'rating', 5),
    confidence: numberIn(body, 'confidence', 100),
    size: numberIn(body, 'size', Number.MAX_SAFE_INTEGER),
    active: typeof body.active === 'boolean' ? body.active : undefined,
    attributes,
    labels: labelsIn ? { names: resolveLabelNames(owner, labelsIn), mode: labelsIn.mode } : null,
    tags: parseCollection(body, 'tags'),
    groups: groupsIn && {
      list: groupsIn.data.map(item => accessibleGroup(deps, requireId(item, 'associatedGroups'))),
      collection: groupsIn,
    },
    occurrences: occurrences(occurrenceIn),
  };
}

function applyBody(
  deps: DomainDeps,
  owner: OwnerRecord,
  record: IndicatorRecord,
  c: CheckedIndicatorBody,
) {
  record.rating = c.rating ?? record.rating;
  record.confidence = c.confidence ?? record.confidence;
  record.size = c.size ?? record.size;
  record.active = c.active ?? record.active;
  if (c.attributes) {
    record.attributes = applyAttributes(
      owner,
      deps.store,
      record.attributes,
      c.attributes,
      deps.now,
    );
  }
  if (c.labels) {
    record.securityLabels = applyNames(record.securityLabels, c.labels.names, c.labels.mode);
  }
  if (c.tags) {
    const names = c.tags.data.map(t => String(t.name));
    record.tags = applyNames(record.tags, names, c.tags.mode);
  }
  if (c.groups) {
    applyGroups(deps, record, c.groups.list, c.groups.collection);
  }
  addOccurrences(deps, record, c.occurrences);
  record.lastModified = deps.now;
}

/** Validates a write of `body` onto the indicator `identity` names (new or existing). */
export function planIndicatorWrite(
  deps: DomainDeps,
  owner: OwnerRecord,
  identity: IndicatorIdentity,
  body: Record<string, unknown>,
): WritePlan<IndicatorWrite> {
  const checked = checkBody(deps, owner, identity, body);
  return {
    apply() {
      const created = identity.existing === undefined;
      const record = identity.existing ?? newRecord(deps, owner, identity);
      if (created) {
        record.id = deps.store.nextId('indicator');
        deps.store.addIndicator(record);
      }
      applyBody(deps, owner, record, checked);
      return { record, created };
    },
  };
}
