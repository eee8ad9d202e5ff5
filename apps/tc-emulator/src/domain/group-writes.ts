// Group create and update (v3 body shape; v2 reuses the field checks). Validated first, then
// applied, so an unknown attribute type or label creates nothing.
import type { OwnerRecord } from '../catalog.js';
import { ApiError, badRequest, notFound } from '../http/api-error.js';
import type { GroupRecord, IndicatorRecord } from '../store/records.js';
import { parseDateInput } from '../values/dates.js';
import { applyAttributes, resolveLabelNames } from './attributes.js';
import type { Collection } from './collections.js';
import { applyNames, parseCollection, requireId } from './collections.js';
import type { DomainDeps, WritePlan } from './deps.js';
import { identifyIndicator, indicatorType } from './indicator-identity.js';
import { planIndicatorWrite } from './indicator-writes.js';

/** Group types that may be created. */
export const GROUP_TYPES = [
  'Adversary',
  'Attack Pattern',
  'Campaign',
  'Course of Action',
  'Email',
  'Event',
  'Incident',
  'Intrusion Set',
  'Malware',
  'Report',
  'Tactic',
  'Threat',
  'Tool',
  'Vulnerability',
];

/** Incident status values. */
export const INCIDENT_STATUSES = [
  'New',
  'Open',
  'Stalled',
  'Containment Achieved',
  'Restoration Achieved',
  'Incident Reported',
  'Closed',
  'Rejected',
  'Deleted',
];

const NAME_MAX = 100;

/** The checked scalar fields of a group body. */
export interface GroupFields {
  name?: string;
  eventDate?: string | null;
  status?: string | null;
}

/** Checks name, eventDate and status of a body (name required when `create`). */
export function checkGroupFields(
  type: string,
  body: Record<string, unknown>,
  create: boolean,
): GroupFields {
  const fields: GroupFields = {};
  if (create || body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > NAME_MAX) {
      throw badRequest(
        `The name for this ${type} is invalid, please enter a name between 1-${NAME_MAX} characters in length`,
      );
    }
    fields.name = body.name;
  }
  if (body.eventDate !== undefined && body.eventDate !== null) {
    fields.eventDate = parseDateInput(body.eventDate);
    if (fields.eventDate === null) {
      throw badRequest(`The eventDate for this ${type} is invalid, please enter an ISO-8601 date`);
    }
  }
  if (body.status !== undefined && body.status !== null) {
    if (type !== 'Incident' || !INCIDENT_STATUSES.includes(String(body.status))) {
      throw badRequest(
        `The status for this ${type} is invalid , please enter one of the following values: ${INCIDENT_STATUSES.join(', ')}`,
      );
    }
    fields.status = String(body.status);
  }
  return fields;
}

/** Resolves nested `associatedIndicators` items to indicators, creating by value when asked. */
function nestedIndicators(deps: DomainDeps, c: Collection): (() => IndicatorRecord)[] {
  return c.data.map(item => {
    if (item.id !== undefined) {
      const record = deps.store.indicator(requireId(item, 'associatedIndicators'));
      if (!record || !deps.catalog.accessible(deps.user).some(o => o.name === record.ownerName)) {
        throw notFound();
      }
      return () => record;
    }
    // New nested indicators go to the caller's organization unless they name an owner.
    const owner = deps.catalog.resolve(deps.user, item.ownerName as string | undefined);
    const type = indicatorType(item.type);
    planIndicatorWrite(deps, owner, identifyIndicator(deps, owner, type, item), {});
    // Identify again when applying: an earlier item of this request may have created it.
    return () =>
      planIndicatorWrite(deps, owner, identifyIndicator(deps, owner, type, item), {}).apply()
        .record;
  });
}

function linkIndicators(
  deps: DomainDeps,
  group: GroupRecord,
  list: IndicatorRecord[],
  c: Collection,
) {
  if (c.mode === 'delete') {
    list.forEach(i => deps.store.dissociate(group, i));
    return;
  }
  if (c.mode === 'replace') {
    group.associatedIndicatorIds
      .map(id => deps.store.indicator(id))
      .forEach(i => i && !list.includes(i) && deps.store.dissociate(group, i));
  }
  list.forEach(i => deps.store.associate(group, i));
}

/** Validates the nested collections of a group body; the plan applies them to `group`. */
function planNested(deps: DomainDeps, owner: OwnerRecord, body: Record<string, unknown>) {
  const attributes = parseCollection(body, 'attributes');
  if (attributes) {
    applyAttributes(owner, deps.store, [], { ...attributes, mode: 'append' }, deps.now);
  }
  const labelsIn = parseCollection(body, 'securityLabels');
  const labels = labelsIn ? resolveLabelNames(owner, labelsIn) : [];
  const tags = parseCollection(body, 'tags');
  const indicatorsIn = parseCollection(body, 'associatedIndicators');
  const indicators = indicatorsIn ? nestedIndicators(deps, indicatorsIn) : [];
  return (group: GroupRecord): void => {
    if (attributes) {
      group.attributes = applyAttributes(owner, deps.store, group.attributes, attributes, deps.now);
    }
    if (labelsIn) {
      group.securityLabels = applyNames(group.securityLabels, labels, labelsIn.mode);
    }
    if (tags) {
      group.tags = applyNames(
        group.tags,
        tags.data.map(t => String(t.name)),
        tags.mode,
      );
    }
    if (indicatorsIn) {
      linkIndicators(
        deps,
        group,
        indicators.map(resolve => resolve()),
        indicatorsIn,
      );
    }
  };
}

function checkXid(deps: DomainDeps, xid: unknown): string | null {
  if (xid === undefined || xid === null) {
    return null;
  }
  if (typeof xid !== 'string' || xid === '' || xid.length > 100) {
    throw badRequest(
      'The xid for this Group is invalid, please enter a xid between 1-100 characters in length',
    );
  }
  if (deps.store.groupByXid(xid)) {
    throw badRequest('The xid for this Group is invalid, a Group with this xid already exists');
  }
  return xid;
}

/** Validates a group create; xid must be unique across the instance. */
export function planGroupCreate(
  deps: DomainDeps,
  owner: OwnerRecord,
  body: Record<string, unknown>,
): WritePlan<GroupRecord> {
  const type = body.type;
  if (typeof type !== 'string' || !GROUP_TYPES.includes(type)) {
    throw badRequest(`Please enter a valid Group type: ${GROUP_TYPES.join(', ')}`);
  }
  const fields = checkGroupFields(type, body, true);
  const xid = checkXid(deps, body.xid);
  const nested = planNested(deps, owner, body);
  return {
    apply() {
      const group: GroupRecord = {
        id: deps.store.nextId('group'),
        type,
        name: fields.name ?? '',
        xid,
        ownerName: owner.name,
        status: fields.status ?? (type === 'Incident' ? 'New' : null),
        eventDate: fields.eventDate ?? (type === 'Incident' ? deps.now : null),
        dateAdded: deps.now,
        lastModified: deps.now,
        attributes: [],
        securityLabels: [],
        tags: [],
        associatedIndicatorIds: [],
      };
      deps.store.addGroup(group);
      nested(group);
      return group;
    },
  };
}

/** Validates an update of an existing group; xid cannot change. */
export function planGroupUpdate(
  deps: DomainDeps,
  group: GroupRecord,
  body: Record<string, unknown>,
): WritePlan<GroupRecord> {
  if (body.xid !== undefined && body.xid !== group.xid) {
    throw new ApiError(400, 'The xid of a Group can only be set when it is created');
  }
  const fields = checkGroupFields(group.type, body, false);
  const owner = deps.catalog.resolve(deps.user, group.ownerName);
  const nested = planNested(deps, owner, body);
  return {
    apply() {
      group.name = fields.name ?? group.name;
      group.eventDate = fields.eventDate ?? group.eventDate;
      group.status = fields.status ?? group.status;
      nested(group);
      group.lastModified = deps.now;
      return group;
    },
  };
}
