import { TcBadResponseError, type TcFailureContext } from './errors.js';

/** A ThreatConnect group as the client returns it. */
export interface TcGroup {
  id: number;
  type: string;
  name: string;
  xid: string | null;
  ownerName: string | null;
  eventDate: string | null;
  webLink: string | null;
}

/** A ThreatConnect indicator as the client returns it. */
export interface TcIndicator {
  id: number;
  type: string;
  summary: string | null;
  ownerName: string | null;
  webLink: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
}

/** A group attribute type (`GET /v3/attributeTypes`). */
export interface TcAttributeType {
  id: number | null;
  name: string;
  maxSize: number | null;
}

/** A security label (`GET /v3/securityLabels`). */
export interface TcSecurityLabel {
  id: number | null;
  name: string;
}

/** An owner the API user can see (`GET /v3/security/owners`). */
export interface TcOwner {
  id: number | null;
  name: string;
  type: string | null;
}

type Obj = Record<string, unknown>;

function asObject(data: unknown, what: string, ctx: TcFailureContext): Obj {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TcBadResponseError(`${what} is not an object`, ctx);
  }
  return data as Obj;
}

function str(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function num(o: Obj, key: string): number | null {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function requiredId(o: Obj, what: string, ctx: TcFailureContext): number {
  const id = num(o, 'id');
  if (id === null) {
    throw new TcBadResponseError(`${what} has no numeric id`, ctx);
  }
  return id;
}

/** Reads a group from `data`, or throws TcBadResponseError. */
export function readGroup(data: unknown, ctx: TcFailureContext): TcGroup {
  const o = asObject(data, 'group', ctx);
  return {
    id: requiredId(o, 'group', ctx),
    type: str(o, 'type') ?? 'Incident',
    name: str(o, 'name') ?? '',
    xid: str(o, 'xid'),
    ownerName: str(o, 'ownerName'),
    eventDate: str(o, 'eventDate'),
    webLink: str(o, 'webLink'),
  };
}

/** Reads an indicator from `data`, or throws TcBadResponseError. */
export function readIndicator(data: unknown, ctx: TcFailureContext): TcIndicator {
  const o = asObject(data, 'indicator', ctx);
  return {
    id: requiredId(o, 'indicator', ctx),
    type: str(o, 'type') ?? '',
    summary: str(o, 'summary'),
    ownerName: str(o, 'ownerName'),
    webLink: str(o, 'webLink'),
    md5: str(o, 'md5'),
    sha1: str(o, 'sha1'),
    sha256: str(o, 'sha256'),
  };
}

/** Reads `data` as a list, or throws TcBadResponseError. */
export function readList(data: unknown, what: string, ctx: TcFailureContext): Obj[] {
  if (!Array.isArray(data)) {
    throw new TcBadResponseError(`${what} list is not an array`, ctx);
  }
  return data.map(item => asObject(item, what, ctx));
}

/** Reads a named item (attribute type, label, owner); the name is required. */
export function readNamed(
  o: Obj,
  what: string,
  ctx: TcFailureContext,
): { id: number | null; name: string } {
  const name = str(o, 'name');
  if (name === null) {
    throw new TcBadResponseError(`${what} has no name`, ctx);
  }
  return { id: num(o, 'id'), name };
}

/** Reads an attribute type. */
export function readAttributeType(o: Obj, ctx: TcFailureContext): TcAttributeType {
  return { ...readNamed(o, 'attribute type', ctx), maxSize: num(o, 'maxSize') };
}

/** Reads an owner. */
export function readOwner(o: Obj, ctx: TcFailureContext): TcOwner {
  return { ...readNamed(o, 'owner', ctx), type: str(o, 'type') };
}
