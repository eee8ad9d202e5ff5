/** ThreatConnect indicator type names. */
export type IndicatorType = 'Address' | 'Host' | 'URL' | 'File';

/** An Address, Host or URL to send, with the report sections it came from. */
export interface NetworkIndicator {
  readonly type: 'Address' | 'Host' | 'URL';
  readonly value: string;
  readonly sections: readonly string[];
}

/** Where and when a file was seen (ThreatConnect file occurrence). */
export interface FileOccurrence {
  readonly fileName: string | null;
  /** Analysis start, `YYYY-MM-DDTHH:MM:SSZ`, or null when unknown. */
  readonly date: string | null;
}

/** A File indicator: any subset of lower-case hashes; `value` is `md5 : sha1 : sha256` of those present. */
export interface FileIndicator {
  readonly type: 'File';
  readonly value: string;
  readonly md5: string | null;
  readonly sha1: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly fileOccurrences: readonly FileOccurrence[];
  readonly sections: readonly string[];
}

/** Any indicator to send. */
export type Indicator = NetworkIndicator | FileIndicator;

/** Why a candidate was not sent (kebab-case; stable, used in metrics and output). */
export type DropReason =
  | 'invalid-address'
  | 'invalid-hostname'
  | 'invalid-url'
  | 'url-too-long'
  | 'no-hashes'
  | 'ignored-address'
  | 'result-server'
  | 'sandbox-network'
  | 'resolver'
  | 'fake-dns-answer'
  | 'benign-network'
  | 'not-public'
  | 'resolved-from-benign-domain'
  | 'reverse-lookup-name'
  | 'single-label-name'
  | 'non-public-name'
  | 'benign-domain'
  | 'url-on-dropped-host';

/** A candidate that was not sent, with the rule that dropped it. */
export interface DroppedIndicator {
  readonly type: IndicatorType;
  /** The normalised value, or the raw one when it could not be normalised (long values cut). */
  readonly value: string;
  readonly reason: DropReason;
  /** Human detail, e.g. `in 192.168.56.0/24` or `label longer than 63 characters`. */
  readonly detail: string | null;
  /** Length of the full value when `value` was shortened for display. */
  readonly valueLength: number;
  readonly sections: readonly string[];
}

/** What extraction decided: the indicators to send and every dropped candidate. */
export interface IndicatorSelection {
  readonly indicators: readonly Indicator[];
  readonly dropped: readonly DroppedIndicator[];
}
