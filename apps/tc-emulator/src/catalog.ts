// Owners with their attribute types and security labels, and which user may use which owner.
import { DEFAULT_ATTRIBUTE_TYPES, DEFAULT_SECURITY_LABELS } from './defaults.js';
import { ApiError } from './http/api-error.js';
import type { AttributeTypeSpec, EmulatorUser, OwnerSpec, SecurityLabelSpec } from './options.js';

/** An attribute type with its id. */
export interface AttributeTypeRecord extends AttributeTypeSpec {
  id: number;
}

/** An owner as the API lists it. */
export interface OwnerRecord {
  id: number;
  name: string;
  type: 'Organization' | 'Community' | 'Source';
  attributeTypes: AttributeTypeRecord[];
  securityLabels: SecurityLabelSpec[];
}

/** Message of the 403 for an unknown or inaccessible owner. */
export const OWNER_NOT_FOUND = 'The requested owner was not found';

/** Read-only lookups over the configured owners. */
export interface OwnerCatalog {
  owners: OwnerRecord[];
  /** The owner `name` (or the user's default) if the user may use it, else a 403. */
  resolve(user: EmulatorUser, name: string | null | undefined): OwnerRecord;
  accessible(user: EmulatorUser): OwnerRecord[];
  find(name: string): OwnerRecord | undefined;
}

function toRecords(specs: OwnerSpec[]): OwnerRecord[] {
  let attributeTypeId = 1;
  return specs.map((spec, index) => ({
    id: index + 1,
    name: spec.name,
    type: spec.type ?? 'Organization',
    attributeTypes: (spec.attributeTypes ?? DEFAULT_ATTRIBUTE_TYPES).map(type => ({
      ...type,
      id: attributeTypeId++,
    })),
    securityLabels: spec.securityLabels ?? DEFAULT_SECURITY_LABELS,
  }));
}

/** Builds the catalog from owner specs. */
export function createOwnerCatalog(specs: OwnerSpec[]): OwnerCatalog {
  const owners = toRecords(specs);
  const find = (name: string): OwnerRecord | undefined => owners.find(o => o.name === name);
  const mayUse = (user: EmulatorUser, owner: OwnerRecord): boolean =>
    user.owners === undefined ||
    user.owners.includes(owner.name) ||
    owner.name === user.defaultOwner;
  return {
    owners,
    find,
    accessible: user => owners.filter(owner => mayUse(user, owner)),
    resolve(user, name) {
      const owner = find(name == null || name === '' ? user.defaultOwner : name);
      if (!owner || !mayUse(user, owner)) {
        throw new ApiError(403, OWNER_NOT_FOUND);
      }
      return owner;
    },
  };
}
