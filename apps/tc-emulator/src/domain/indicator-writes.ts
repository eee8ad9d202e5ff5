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

/** Validates a write of `body` onto the indicator `identity` names (new or existing). */
export function planIndicatorWrite(
  deps: DomainDeps,
  owner: OwnerRecord,
  identity: IndicatorIdentity,
  body: Record<string, unknown>,
): WritePlan<IndicatorWrite> {
  const rating = numberIn(body, 'rating', 5);
  const confidence = numberIn(body, 'confidence', 100);
  const size = numberIn(body, 'size', Number.MAX_SAFE_INTEGER);
  const attributes = parseCollection(body, 'attributes');
  const labelsIn = parseCollection(body, 'securityLabels');
  const labels = labelsIn ? resolveLabelNames(owner, labelsIn) : null;
  const tags = parseCollection(body, 'tags');
  const groupsIn = parseCollection(body, 'associatedGroups');
  const groups = (groupsIn?.data ?? []).map(item =>
    accessibleGroup(deps, requireId(item, 'associatedGroups')),
  );
  const occurrenceIn = parseCollection(body, 'fileOccurrences');
  if (occurrenceIn && identity.type !== 'File') {
    throw badRequest('Only File indicators have fileOccurrences');
  }
  const occurrenceList = occurrences(occurrenceIn);
  // Validate attributes against a throwaway list first so a bad one creates nothing.
  if (attributes) {
    applyAttributes(owner, deps.store, [], { ...attributes, mode: 'append' }, deps.now);
  }
  return {
    apply() {
      const created = identity.existing === undefined;
      const record = identity.existing ?? newRecord(deps, owner, identity);
      if (created) {
        record.id = deps.store.nextId('indicator');
        deps.store.addIndicator(record);
      }
      record.rating = rating ?? record.rating;
      record.confidence = confidence ?? record.confidence;
      record.size = size ?? record.size;
      record.active = typeof body.active === 'boolean' ? body.active : record.active;
      if (attributes) {
        record.attributes = applyAttributes(
          owner,
          deps.store,
          record.attributes,
          attributes,
          deps.now,
        );
      }
      if (labels && labelsIn) {
        record.securityLabels = applyNames(record.securityLabels, labels, labelsIn.mode);
      }
      if (tags) {
        record.tags = applyNames(
          record.tags,
          tags.data.map(t => String(t.name)),
          tags.mode,
        );
      }
      if (groupsIn) {
        applyGroups(deps, record, groups, groupsIn);
      }
      addOccurrences(deps, record, occurrenceList);
      record.lastModified = deps.now;
      return { record, created };
    },
  };
}
