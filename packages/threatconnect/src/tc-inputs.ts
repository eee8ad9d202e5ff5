/** One attribute to set on a new incident. */
export interface TcAttributeInput {
  type: string;
  value: string;
  /** Security labels on this attribute (must exist in the owner). */
  securityLabels?: readonly string[];
  /** Make it the default attribute of its type (v3 `default`, v2 `displayed`). */
  default?: boolean;
}

/** What {@link ThreatConnectClient.createIncident} needs. */
export interface CreateIncidentInput {
  name: string;
  /** Analysis start; a Date is sent as `YYYY-MM-DDTHH:MM:SSZ` (UTC). */
  eventDate: string | Date;
  /** Deterministic external id, unique in the instance; the idempotency key. */
  xid: string;
  /** Incident status, e.g. `New`. */
  status?: string;
  attributes?: readonly TcAttributeInput[];
  /** Labels on the incident itself. */
  securityLabels?: readonly string[];
  tags?: readonly string[];
}

/** A file occurrence on a File indicator. */
export interface TcFileOccurrenceInput {
  fileName?: string;
  path?: string;
  /** `YYYY-MM-DD` or an ISO timestamp. */
  date?: string;
}

/** Fields every indicator type may carry. */
export interface TcIndicatorCommon {
  rating?: number;
  confidence?: number;
  tags?: readonly string[];
  /** Groups to associate in the same call. */
  associatedGroupIds?: readonly number[];
}

/** An indicator to create or update (v3 duplicate create = update). */
export type TcIndicatorInput = TcIndicatorCommon &
  (
    | { type: 'Address'; ip: string }
    | { type: 'Host'; hostName: string }
    | { type: 'URL'; text: string }
    | {
        type: 'File';
        md5?: string;
        sha1?: string;
        sha256?: string;
        size?: number;
        fileOccurrences?: readonly TcFileOccurrenceInput[];
      }
  );
