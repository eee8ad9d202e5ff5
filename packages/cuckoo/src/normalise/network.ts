import { readDns } from './network-dns.js';
import { readDomains, readHosts, readStringList } from './network-hosts.js';
import { readFlows, readHttp, readHttpEx } from './network-traffic.js';
import { readRecord } from './read-value.js';
import type { NetworkRecord } from './types.js';
import type { WarningLog } from './warning-log.js';

/** The network record plus the shape hints flavour detection needs. */
export interface NetworkReading {
  readonly network: NetworkRecord;
  readonly objectHosts: boolean;
  readonly legacyDns: boolean;
}

/** Reads `network`: absent, `{}` (CAPE without pcap), `{mitm: []}` (2.0 without pcap) or full. */
export function readNetwork(value: unknown, log: WarningLog): NetworkReading {
  const record = readRecord(value, 'network', log) ?? {};
  const { hosts, objectHosts } = readHosts(record.hosts, log);
  const { dns, legacyDns } = readDns(record.dns, log);
  const network: NetworkRecord = {
    present: value !== undefined && value !== null && Object.keys(record).length > 0,
    hosts,
    domains: readDomains(record.domains, log),
    dns,
    dnsServers: readStringList(record.dns_servers, 'network.dns_servers', log),
    http: readHttp(record.http, log),
    httpEx: readHttpEx(record.http_ex, 'http_ex', log),
    httpsEx: readHttpEx(record.https_ex, 'https_ex', log),
    tcp: readFlows(record.tcp, 'tcp', log),
    udp: readFlows(record.udp, 'udp', log),
  };
  return { network, objectHosts, legacyDns };
}
