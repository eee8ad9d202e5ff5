import type { HttpEntry, HttpExEntry, NormalisedReport } from '@cuckoo-tc/cuckoo';
import { splitHostPort } from './address.js';

/** A raw value found in a report, before normalisation and filtering. */
export interface Candidate {
  readonly kind: 'address' | 'host' | 'url';
  readonly raw: string;
  /** Report section, e.g. `network.dns`. */
  readonly section: string;
  /** The raw name this value answered or resolved for (DNS answers, domains, CAPE host names). */
  readonly resolvedFrom: string | null;
  /** A PTR question: its name is never a Host, whatever it looks like. */
  readonly ptrRequest: boolean;
}

type Push = (
  kind: Candidate['kind'],
  raw: string,
  section: string,
  resolvedFrom?: string | null,
) => void;

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;
const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

function httpUrl(entry: HttpEntry): string | null {
  if (ABSOLUTE.test(entry.uri)) {
    return entry.uri;
  }
  if (entry.host === '') {
    return null;
  }
  // CAPE behaviour-sourced entries may carry only a path in `uri`.
  const path = entry.uri.startsWith('/')
    ? entry.uri
    : entry.path.startsWith('/')
      ? entry.path
      : '/';
  const port =
    entry.port !== null && entry.port !== 80 && !entry.host.includes(':') ? `:${entry.port}` : '';
  return `http://${entry.host}${port}${path}`;
}

// http_ex `uri` is the request-target: build scheme://host[:port]path. Skip `uri === host` artefacts.
function httpExUrl(entry: HttpExEntry): string | null {
  if (ABSOLUTE.test(entry.uri)) {
    return entry.uri;
  }
  if (!entry.uri.startsWith('/') || entry.uri === entry.host) {
    return null;
  }
  const dst = entry.dst !== null && entry.dst.includes(':') ? `[${entry.dst}]` : entry.dst;
  const host = entry.host !== '' ? entry.host : dst;
  if (host === null || host === '') {
    return null;
  }
  const hasPort = splitHostPort(host).port !== null;
  const port =
    entry.dport !== null && entry.dport !== DEFAULT_PORT[entry.protocol] && !hasPort
      ? `:${entry.dport}`
      : '';
  return `${entry.protocol}://${host}${port}${entry.uri}`;
}

function answerHost(type: string, data: string): string | null {
  if (type === 'CNAME' || type === 'NS') {
    return data;
  }
  // MX (and SRV, when a fork writes it) data may carry preference/weight numbers before the name.
  return type === 'MX' || type === 'SRV' ? (data.split(/\s+/).at(-1) ?? null) : null;
}

function extractDns(report: NormalisedReport, push: Push, pushPtr: (raw: string) => void): void {
  for (const entry of report.network.dns) {
    if (entry.type === 'PTR') {
      pushPtr(entry.request);
      continue;
    }
    push('host', entry.request, 'network.dns');
    for (const answer of entry.answers) {
      if (answer.type === 'A' || answer.type === 'AAAA') {
        push('address', answer.data, 'network.dns', entry.request);
        continue;
      }
      const host = answerHost(answer.type, answer.data);
      if (host !== null) {
        push('host', host, 'network.dns', entry.request);
      }
    }
  }
}

function extractHttp(report: NormalisedReport, push: Push): void {
  for (const entry of report.network.http) {
    push('host', splitHostPort(entry.host).host, 'network.http');
    push('url', httpUrl(entry) ?? '', 'network.http');
  }
  const ex = [
    ...report.network.httpEx.map(e => [e, 'network.http_ex'] as const),
    ...report.network.httpsEx.map(e => [e, 'network.https_ex'] as const),
  ];
  for (const [entry, section] of ex) {
    push('host', splitHostPort(entry.host).host, section);
    push('address', entry.dst ?? '', section);
    push('url', httpExUrl(entry) ?? '', section);
  }
}

/** Every raw network candidate of a report, in a fixed section order (DESIGN §4 table). */
export function extractCandidates(report: NormalisedReport): Candidate[] {
  const out: Candidate[] = [];
  const push: Push = (kind, raw, section, resolvedFrom = null) => {
    if (raw.trim() !== '') {
      out.push({ kind, raw, section, resolvedFrom, ptrRequest: false });
    }
  };
  const pushPtr = (raw: string): void => {
    if (raw.trim() !== '') {
      out.push({ kind: 'host', raw, section: 'network.dns', resolvedFrom: null, ptrRequest: true });
    }
  };
  const { target, network } = report;
  if (target.url !== null) {
    push('url', target.url, target.urlSection ?? 'target.url');
  }
  for (const host of network.hosts) {
    push('address', host.ip, 'network.hosts', host.hostname);
    push('host', host.hostname ?? '', 'network.hosts');
  }
  for (const domain of network.domains) {
    push('host', domain.domain, 'network.domains');
    push('address', domain.ip ?? '', 'network.domains', domain.domain);
  }
  extractDns(report, push, pushPtr);
  extractHttp(report, push);
  for (const [flows, section] of [
    [network.tcp, 'network.tcp'],
    [network.udp, 'network.udp'],
  ] as const) {
    for (const flow of flows) {
      push('address', flow.src, section);
      push('address', flow.dst, section);
    }
  }
  return out;
}
