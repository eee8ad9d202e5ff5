/** The raw top-level section values the report reader hands over; every one may be missing. */
export interface ReportSectionValues {
  readonly info?: unknown;
  readonly target?: unknown;
  readonly network?: unknown;
  readonly url_analysis?: unknown;
  readonly signatures?: unknown;
  readonly malfamily?: unknown;
  readonly dropped?: unknown;
}

/** Which producer wrote the report (reference §5 detection; `cuckoo-fork` = cuckoo-modified/VT shapes). */
export type ReportFlavour = 'cuckoo-1.2' | 'cuckoo-2.0' | 'cape' | 'cuckoo-fork' | 'unknown';

/** A problem with one value of the report, located by its JSON path; the value was not used. */
export interface ReportWarning {
  readonly path: string;
  readonly message: string;
}

/** Hashes and size of one file; any subset may be present, hashes are lower-case hex. */
export interface FileDigest {
  readonly name: string | null;
  readonly size: number | null;
  readonly md5: string | null;
  readonly sha1: string | null;
  readonly sha256: string | null;
  readonly sha512: string | null;
}

/** What was analysed. */
export interface AnalysisTarget {
  /** `file`, `url`, `archive`, `static`, `baseline`, `service`, ... or null when unknown. */
  readonly category: string | null;
  /** The submitted file name (archive: the archive's name when the inner file has none). */
  readonly name: string | null;
  readonly url: string | null;
  /** Where the URL came from (`target.url` or `url_analysis.url`), for indicator provenance. */
  readonly urlSection: 'target.url' | 'url_analysis.url' | null;
  readonly file: FileDigest | null;
}

/** One `network.hosts` entry (Cuckoo string or CAPE object). */
export interface HostEntry {
  readonly ip: string;
  /** CAPE: the name the capture's DNS answers gave for this ip; null when empty. */
  readonly hostname: string | null;
}

/** One `network.domains` entry; `ip` was resolved by the sandbox host, not seen in the capture. */
export interface DomainEntry {
  readonly domain: string;
  readonly ip: string | null;
}

/** One DNS answer record with string data. */
export interface DnsAnswer {
  readonly type: string;
  readonly data: string;
}

/** One `network.dns` entry (legacy `{hostname, ip}` entries are converted to this shape). */
export interface DnsEntry {
  readonly request: string;
  readonly type: string | null;
  readonly answers: readonly DnsAnswer[];
}

/** One `network.http` entry (dpkt-parsed). */
export interface HttpEntry {
  readonly host: string;
  readonly port: number | null;
  readonly uri: string;
  readonly path: string;
  readonly method: string | null;
}

/** One `network.http_ex` / `https_ex` entry (httpreplay; `uri` is a request-target). */
export interface HttpExEntry {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly dst: string | null;
  readonly dport: number | null;
  readonly uri: string;
  readonly method: string | null;
}

/** One tcp/udp flow. */
export interface FlowEntry {
  readonly src: string;
  readonly dst: string;
  readonly sport: number | null;
  readonly dport: number | null;
}

/** The network sections we consume, every list empty when absent. */
export interface NetworkRecord {
  /** False when the report had no usable `network` section at all. */
  readonly present: boolean;
  readonly hosts: readonly HostEntry[];
  readonly domains: readonly DomainEntry[];
  readonly dns: readonly DnsEntry[];
  readonly dnsServers: readonly string[];
  readonly http: readonly HttpEntry[];
  readonly httpEx: readonly HttpExEntry[];
  readonly httpsEx: readonly HttpExEntry[];
  readonly tcp: readonly FlowEntry[];
  readonly udp: readonly FlowEntry[];
}

/** A signature summary (context only; never sent as an indicator). */
export interface SignatureSummary {
  readonly name: string;
  readonly severity: number | null;
  readonly description: string | null;
}

/** Analysis metadata from `info`. */
export interface AnalysisInfo {
  readonly id: number;
  readonly flavour: ReportFlavour;
  readonly version: string | null;
  /** Analysis start, UTC, `YYYY-MM-DDTHH:MM:SSZ`; null when missing or unreadable. */
  readonly started: string | null;
  readonly ended: string | null;
  readonly category: string | null;
  readonly package: string | null;
  readonly route: string | null;
  readonly score: number | null;
}

/** One typed analysis record, the same across Cuckoo 1.2, 2.0.x, CAPEv2 and forks. */
export interface NormalisedReport {
  readonly analysis: AnalysisInfo;
  readonly target: AnalysisTarget;
  readonly network: NetworkRecord;
  readonly dropped: readonly FileDigest[];
  readonly signatures: readonly SignatureSummary[];
  readonly malfamily: string | null;
  readonly warnings: readonly ReportWarning[];
}
