// Which indicator a body names: value validation, exclusion lists, and the File hash rules
// (a hash that already belongs to another File is a 400, never a silent merge).
import type { OwnerRecord } from '../catalog.js';
import { ApiError, badRequest } from '../http/api-error.js';
import type { IndicatorRecord, IndicatorType } from '../store/records.js';
import type { FileHashes, HashKind } from '../values/indicator-values.js';
import {
  HASH_KINDS,
  fileSummary,
  normaliseAddress,
  normaliseFileHashes,
  normaliseHost,
  normaliseUrl,
} from '../values/indicator-values.js';
import type { DomainDeps } from './deps.js';

/** Message of the 403 for a value on an exclusion list. */
export const EXCLUDED_MESSAGE = 'This indicator is contained on a system-wide exclusion list.';

/** The body field that carries each non-File type's value. */
export const VALUE_FIELDS = { Address: 'ip', Host: 'hostName', URL: 'text' } as const;

const NORMALISERS = { Address: normaliseAddress, Host: normaliseHost, URL: normaliseUrl };
const HASH_LABELS: Record<HashKind, string> = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' };

/** The indicator identified by a body: its summary, hashes, and the stored match if any. */
export interface IndicatorIdentity {
  type: IndicatorType;
  summary: string;
  hashes: FileHashes;
  existing: IndicatorRecord | undefined;
}

/** The type named by a body, else a 400. */
export function indicatorType(value: unknown): IndicatorType {
  if (value === 'Address' || value === 'Host' || value === 'URL' || value === 'File') {
    return value;
  }
  throw badRequest(`Please enter a valid indicator type (Address, Host, URL or File)`);
}

function hashConflict(kind: HashKind): ApiError {
  const label = HASH_LABELS[kind];
  return badRequest(
    `The ${label} for this File is invalid, a File with this ${label} already exists`,
  );
}

function fileIdentity(deps: DomainDeps, owner: OwnerRecord, body: Record<string, unknown>) {
  const hashes = normaliseFileHashes(body);
  if (!hashes) {
    throw badRequest('Please enter a valid File');
  }
  const present = HASH_KINDS.filter(kind => hashes[kind] !== undefined);
  const holders = present.map(kind =>
    deps.store.fileByHash(owner.name, kind, hashes[kind] as string),
  );
  const first = holders[0];
  // Only an exact description of a stored File (every hash sent is on it) updates it; hashes
  // are never merged across Files, so a hash held by any other File is a conflict.
  if (first !== undefined && holders.every(holder => holder === first)) {
    return {
      type: 'File' as const,
      summary: first.summary,
      hashes: pickHashes(first),
      existing: first,
    };
  }
  const clash = present.find((_kind, index) => holders[index] !== undefined);
  if (clash !== undefined) {
    throw hashConflict(clash);
  }
  return { type: 'File' as const, summary: fileSummary(hashes), hashes, existing: undefined };
}

function pickHashes(record: IndicatorRecord): FileHashes {
  const hashes: FileHashes = {};
  HASH_KINDS.forEach(kind => {
    if (record[kind]) {
      hashes[kind] = record[kind];
    }
  });
  return hashes;
}

/** Validates the value of a body and finds the indicator it names in the owner. */
export function identifyIndicator(
  deps: DomainDeps,
  owner: OwnerRecord,
  type: IndicatorType,
  body: Record<string, unknown>,
): IndicatorIdentity {
  if (type === 'File') {
    return fileIdentity(deps, owner, body);
  }
  const value = NORMALISERS[type](body[VALUE_FIELDS[type]]);
  if (value === null) {
    throw badRequest(`Please enter a valid ${type}`);
  }
  if (deps.exclusions.isExcluded(type, value)) {
    throw new ApiError(403, EXCLUDED_MESSAGE);
  }
  const existing = deps.store.indicatorByValue(owner.name, type, value);
  return { type, summary: value, hashes: {}, existing };
}
