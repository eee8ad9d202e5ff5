// Attributes and security labels: the type or label must exist in the object's owner.
import type { OwnerRecord } from '../catalog.js';
import { badRequest } from '../http/api-error.js';
import type { AttributeRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Collection } from './collections.js';
import { isRecord } from './collections.js';

/** Message when an attribute type does not exist in the owner. */
export const ATTRIBUTE_TYPE_NOT_FOUND = 'The requested attribute type was not found';
/** Message when a security label does not exist in the owner. */
export const SECURITY_LABEL_NOT_FOUND = 'The requested security label was not found';

/** The label names of a `{data: [{name}]}` collection; every label must exist in the owner. */
export function resolveLabelNames(owner: OwnerRecord, collection: Collection): string[] {
  return collection.data.map(item => {
    const name = item.name;
    if (typeof name !== 'string' || !owner.securityLabels.some(l => l.name === name)) {
      throw badRequest(SECURITY_LABEL_NOT_FOUND);
    }
    return name;
  });
}

/** Checks one label name against the owner (v2 path segment form). */
export function requireLabel(owner: OwnerRecord, name: string): string {
  if (!owner.securityLabels.some(l => l.name === name)) {
    throw badRequest(SECURITY_LABEL_NOT_FOUND);
  }
  return name;
}

function attributeValue(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest('This attribute requires a value');
  }
  return value;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

function nestedLabels(owner: OwnerRecord, input: unknown): string[] {
  if (input === undefined || input === null) {
    return [];
  }
  if (!isRecord(input) || !Array.isArray(input.data) || !input.data.every(isRecord)) {
    throw badRequest('The securityLabels field must be an object with a data array of objects');
  }
  return resolveLabelNames(owner, { data: input.data, mode: 'append' });
}

/** A validated attribute record (not stored yet); v2 `displayed` and v3 `default` both work. */
export function buildAttribute(
  owner: OwnerRecord,
  store: Store,
  input: Record<string, unknown>,
  now: string,
): AttributeRecord {
  const type = owner.attributeTypes.find(t => t.name === input.type);
  if (!type) {
    throw badRequest(ATTRIBUTE_TYPE_NOT_FOUND);
  }
  const value = attributeValue(input.value);
  if (value.length > type.maxSize) {
    throw badRequest(
      type.errorMessage ?? `The ${type.name} attribute may hold at most ${type.maxSize} characters`,
    );
  }
  const securityLabels = nestedLabels(owner, input.securityLabels);
  return {
    id: store.nextId('attribute'),
    type: type.name,
    value,
    default: flag(input.default) || flag(input.displayed),
    pinned: flag(input.pinned),
    source: typeof input.source === 'string' ? input.source : null,
    securityLabels,
    dateAdded: now,
    lastModified: now,
  };
}

/** Applies an attribute collection; `delete` removes by id. */
export function applyAttributes(
  owner: OwnerRecord,
  store: Store,
  current: AttributeRecord[],
  collection: Collection,
  now: string,
): AttributeRecord[] {
  if (collection.mode === 'delete') {
    const ids = collection.data.map(item => Number(item.id));
    return current.filter(a => !ids.includes(a.id));
  }
  const built = collection.data.map(item => buildAttribute(owner, store, item, now));
  return collection.mode === 'replace' ? built : [...current, ...built];
}
