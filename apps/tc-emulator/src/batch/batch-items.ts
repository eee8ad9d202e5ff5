// Turns batch file items (v2 batch format) into the v3-shaped bodies the domain writes accept.
import { badRequest } from '../http/api-error.js';
import { isRecord } from '../domain/collections.js';
import type { IndicatorType } from '../store/records.js';
import { hashKindOf } from '../values/indicator-values.js';
import type { BatchConfig } from './batch-jobs.js';

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** `Append` keeps what is there; the other write types replace it. */
function mode(writeType: string): 'append' | 'replace' {
  return writeType === 'Append' ? 'append' : 'replace';
}

function attributes(item: Record<string, unknown>, config: BatchConfig) {
  const data = list(item.attribute).map(a => ({
    type: a.type,
    value: a.value,
    default: a.displayed,
    source: a.source,
    securityLabels: { data: list(a.securityLabel) },
  }));
  return { data, mode: mode(config.attributeWriteType) };
}

function common(item: Record<string, unknown>, config: BatchConfig) {
  return {
    attributes: attributes(item, config),
    securityLabels: { data: list(item.securityLabel), mode: mode(config.securityLabelWriteType) },
    tags: { data: list(item.tag), mode: mode(config.tagWriteType) },
  };
}

/** The v3 body of a batch group; `xid` is required in batch. */
export function batchGroupBody(item: Record<string, unknown>, config: BatchConfig) {
  if (typeof item.xid !== 'string' || item.xid === '') {
    throw badRequest('A batch group needs an xid');
  }
  const { type, name, eventDate, status, xid } = item;
  return { type, name, eventDate, status, xid, ...common(item, config) };
}

/** The associations a batch group asks for (`associatedIndicators: [{summary, indicatorType}]`). */
export function batchGroupLinks(item: Record<string, unknown>) {
  return list(item.associatedIndicators).map(link => ({
    ref_1: item.xid,
    type_1: item.type,
    ref_2: link.summary,
    type_2: link.indicatorType,
  }));
}

/** The value fields of a batch indicator, from its own fields or its `summary`. */
export function batchIndicatorValue(
  type: IndicatorType,
  item: Record<string, unknown>,
): Record<string, unknown> {
  const summary = typeof item.summary === 'string' ? item.summary : undefined;
  if (type === 'File') {
    const hashes: Record<string, unknown> = { md5: item.md5, sha1: item.sha1, sha256: item.sha256 };
    summary?.split(' : ').forEach(hash => {
      const kind = hashKindOf(hash.trim());
      hashes[kind ?? 'md5'] = hash.trim();
    });
    return hashes;
  }
  const field = { Address: 'ip', Host: 'hostName', URL: 'text' }[type];
  return { [field]: item[field] ?? summary };
}

/** The v3 body of a batch indicator; `groupIds` resolves associatedGroups by groupXid. */
export function batchIndicatorBody(
  type: IndicatorType,
  item: Record<string, unknown>,
  config: BatchConfig,
  groupIds: (xid: unknown) => number,
) {
  return {
    ...batchIndicatorValue(type, item),
    rating: item.rating,
    confidence: item.confidence,
    size: item.size ?? item.intValue1,
    ...common(item, config),
    fileOccurrences: type === 'File' ? { data: list(item.fileOccurrence) } : undefined,
    associatedGroups: {
      data: list(item.associatedGroups).map(g => ({ id: groupIds(g.groupXid) })),
    },
  };
}

/** The items of a batch file, in processing order. */
export function batchFileItems(content: unknown) {
  if (!isRecord(content)) {
    throw badRequest(
      'The batch file must be a JSON object with indicator, group and association arrays',
    );
  }
  return {
    groups: list(content.group),
    indicators: list(content.indicator),
    associations: list(content.association),
  };
}
