// The stored shapes. They are plain JSON so the state file is a straight dump.

/** The indicator types the emulator implements. */
export type IndicatorType = 'Address' | 'Host' | 'URL' | 'File';

/** An attribute on a group or an indicator. */
export interface AttributeRecord {
  id: number;
  type: string;
  value: string;
  default: boolean;
  pinned: boolean;
  source: string | null;
  securityLabels: string[];
  dateAdded: string;
  lastModified: string;
}

/** A group (only Incident carries eventDate and status semantics). */
export interface GroupRecord {
  id: number;
  type: string;
  name: string;
  xid: string | null;
  ownerName: string;
  status: string | null;
  eventDate: string | null;
  dateAdded: string;
  lastModified: string;
  attributes: AttributeRecord[];
  securityLabels: string[];
  tags: string[];
  associatedIndicatorIds: number[];
}

/** Where and when a file was seen. */
export interface FileOccurrenceRecord {
  id: number;
  fileName: string | null;
  path: string | null;
  date: string | null;
}

/** An indicator; the value fields used depend on the type. */
export interface IndicatorRecord {
  id: number;
  type: IndicatorType;
  summary: string;
  ownerName: string;
  ip: string | null;
  hostName: string | null;
  text: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  size: number | null;
  rating: number | null;
  confidence: number | null;
  active: boolean;
  dateAdded: string;
  lastModified: string;
  attributes: AttributeRecord[];
  securityLabels: string[];
  tags: string[];
  fileOccurrences: FileOccurrenceRecord[];
  associatedGroupIds: number[];
}

/** Id counters, one per kind of object. */
export interface IdCounters {
  group: number;
  indicator: number;
  attribute: number;
  occurrence: number;
}

/** Everything the state file holds. */
export interface StoreSnapshot {
  version: 1;
  nextIds: IdCounters;
  groups: GroupRecord[];
  indicators: IndicatorRecord[];
}
