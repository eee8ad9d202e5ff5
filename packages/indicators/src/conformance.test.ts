import { readFileSync } from 'node:fs';
import { normaliseReport, type ReportSectionValues } from '@cuckoo-tc/cuckoo';
import ipaddr from 'ipaddr.js';
import { SHARED_FIXTURES_DIR, sharedFixtureReports } from '@cuckoo-tc/testing';
import { describe, expect, it } from 'vitest';
import { parseAddress } from './address.js';
import { normaliseHostname } from './hostname.js';
import { buildParseResult } from './parse-result.js';

// Real reports shared beside the checkout (never copied into the repo). Default filters only: the
// addresses in these reports are real, so no documentation range is treated as public.
const FIXTURES = `${SHARED_FIXTURES_DIR}/`;
const files = sharedFixtureReports();
const present = files.length > 0;

// Public names and addresses each report is known to contain (see SOURCES.md there).
const KNOWN: Record<string, string[]> = {
  'cuckoo12-file-exe-dns-mx-cname.json': [
    '54.202.185.61',
    'smtp.live.com',
    'smtp.gmail.com',
    'gmail-smtp-msa.l.google.com',
  ],
  'cuckoodroid12-apk-ipv6-hosts-aaaa.json': [
    '212.183.233.76',
    '2.android.pool.ntp.org',
    '2a02:c207:2010:9464::1',
  ],
  'cuckoo207-file-exe-dns-icmp.json': ['update.googleapis.com', '172.217.18.131', '110.93.194.205'],
  'cuckoodroid20dev-apk-15-domains.json': ['alog.umeng.com', 'ltpy.i51fu.com', '140.205.218.51'],
  'cape22-file-exe-20-hosts-icmp-deadhosts.json': [
    '20.190.159.138',
    'cdn.onenote.net',
    '20.199.120.182',
  ],
  'cape24-file-js-hosts-hostname-suricata-http.json': [
    'sb.scorecardresearch.com',
    '108.156.60.52',
    '89.249.74.40',
  ],
  'vt-cuckoofork-trimmed-http-legacy-dns.json': [
    'checkip.dyndns.org',
    '216.146.38.70',
    'http://checkip.dyndns.org/',
  ],
};
// OS background traffic that must never be sent.
const NEVER = [
  'time.windows.com',
  'www.msftncsi.com',
  'dns.msftncsi.com',
  'teredo.ipv6.microsoft.com',
  'www.msftconnecttest.com',
];

function load(name: string): Record<string, unknown> {
  const bytes = readFileSync(FIXTURES + name);
  return JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes)) as Record<
    string,
    unknown
  >;
}

// Skipped (with the reason in its title) on machines without the shared fixtures.
const title = present
  ? 'conformance over real reports'
  : `conformance skipped: ${FIXTURES} is absent`;

describe.skipIf(!present)(title, () => {
  it.each(files)('%s', name => {
    const raw = load(name);
    const info = (raw.info ?? {}) as { id?: number };
    const normalised = normaliseReport(raw as ReportSectionValues, { taskId: info.id ?? 1 });
    expect(normalised.ok).toBe(true);
    if (!normalised.ok) {
      return;
    }
    const result = buildParseResult(normalised.report, { incident: { instance: 'conformance' } });
    const sandbox = ipaddr.parseCIDR('192.168.56.0/24');
    for (const indicator of result.indicators) {
      if (indicator.type === 'Address') {
        const address = parseAddress(indicator.value);
        expect(address?.value, `${indicator.value} is an address`).toBe(indicator.value);
        expect(address?.parsed.range(), indicator.value).toBe('unicast');
        const inSandbox = address?.parsed.kind() === 'ipv4' && address.parsed.match(sandbox);
        expect(inSandbox, indicator.value).toBe(false);
      }
      if (indicator.type === 'Host') {
        expect(normaliseHostname(indicator.value)).toEqual({
          kind: 'host',
          value: indicator.value,
        });
        expect(indicator.value).toContain('.');
      }
      if (indicator.type !== 'File') {
        expect(indicator.value).not.toMatch(/[{}\s"]|\[object/);
      }
    }
    const values = result.indicators.map(indicator => indicator.value);
    for (const known of KNOWN[name] ?? []) {
      expect(values, `${name} should send ${known}`).toContain(known);
    }
    for (const noise of NEVER) {
      expect(values).not.toContain(noise);
    }
    const file = ((raw.target ?? {}) as { file?: { md5?: string; sha1?: string; sha256?: string } })
      .file;
    if (file?.sha256 !== undefined) {
      expect(result.indicators).toContainEqual(
        expect.objectContaining({
          type: 'File',
          md5: file.md5,
          sha1: file.sha1,
          sha256: file.sha256,
        }),
      );
    }
  });

  it('never sends a DNS answer object or anything but text as a value', () => {
    for (const name of files) {
      const raw = load(name);
      const normalised = normaliseReport(raw as ReportSectionValues, { taskId: 1 });
      if (!normalised.ok) {
        continue;
      }
      const result = buildParseResult(normalised.report, { incident: { instance: 'conformance' } });
      for (const item of [...result.indicators, ...result.dropped]) {
        expect(typeof item.value).toBe('string');
      }
    }
  });
});
