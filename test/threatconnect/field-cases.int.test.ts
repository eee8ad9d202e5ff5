import type { Emulator } from '@cuckoo-tc/tc-emulator';
import {
  classifyOutcome,
  isTcAuthError,
  TcClockSkewError,
  TcMissingMetadataError,
  TcTransientError,
  type TcClockSkewInfo,
} from '@cuckoo-tc/threatconnect';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, OWNER, startEmulator, startRecordingProxy, tcClient } from './support.js';

// Field cases BUG-16, 18, 19 and 20, with their inputs copied here, against the emulator.
const started: Array<{ close(): Promise<void> }> = [];
async function emulatorWith(...args: Parameters<typeof startEmulator>): Promise<Emulator> {
  const e = await startEmulator(...args);
  started.push(e);
  return e;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map(s => s.close()));
});

describe('BUG-16: a retried request must not reuse a stale HMAC timestamp', () => {
  it('a retry 5 min 1 s after a 503 is signed afresh and accepted', async () => {
    let now = Date.parse('2026-10-21T07:00:00Z'); // one clock for both sides
    const emulator = await emulatorWith({ clock: { now: () => now } });
    emulator.configure({ faults: { failNext: { count: 1, status: 503 } } });
    const tc = tcClient(emulator.url, { now: () => now });
    const input = {
      name: 'Sandbox analysis 1116',
      eventDate: '2026-10-21T06:55:00Z',
      xid: 'bug16',
    };
    const first = await failure(tc.createIncident(input));
    expect(first).toBeInstanceOf(TcTransientError);
    now += 5 * 60_000 + 1000; // the queue retries later
    await expect(tc.createIncident(input)).resolves.toMatchObject({ xid: 'bug16' });
    tc.close();
    expect(emulator.state().requests.byStatus['401']).toBeUndefined();
  });

  it('our clock 10 min behind → one 401, the client adopts the server clock, then no more 401s', async () => {
    const emulator = await emulatorWith();
    const skews: TcClockSkewInfo[] = [];
    const tc = tcClient(emulator.url, {
      now: () => Date.now() - 10 * 60_000,
      onClockSkew: s => skews.push(s),
    });
    for (let i = 0; i < 3; i++) {
      await tc.upsertIndicator({ type: 'Address', ip: `203.0.113.${i + 1}` });
    }
    tc.close();
    expect(emulator.state().requests.byStatus['401']).toBe(1);
    expect(skews).toHaveLength(1);
    expect(skews[0]?.offsetMs).toBeGreaterThan(9 * 60_000);
    expect(emulator.state().indicators).toHaveLength(3);
  });

  it('a skew the client cannot correct ends after one re-signed retry as clock skew, not credentials', async () => {
    // The emulator's clock runs 10 min ahead; its Date header may or may not say so.
    const emulator = await emulatorWith({ clock: { now: () => Date.now() + 10 * 60_000 } });
    const skews: TcClockSkewInfo[] = [];
    const tc = tcClient(emulator.url, { onClockSkew: s => skews.push(s) });
    const outcome = await tc.listOwners().catch((e: unknown) => e);
    tc.close();
    expect(skews).toHaveLength(1); // re-signed exactly once
    const unauthorized = emulator.state().requests.byStatus['401'] ?? 0;
    expect(unauthorized).toBeGreaterThanOrEqual(1);
    expect(unauthorized).toBeLessThanOrEqual(2); // no 401 loop
    if (!Array.isArray(outcome)) {
      expect(outcome).toBeInstanceOf(TcClockSkewError);
      expect(isTcAuthError(outcome)).toBe(false);
      expect(classifyOutcome(outcome)).toBe('transient');
      expect((outcome as Error).message).toMatch(/clock/);
    }
  });
});

describe('BUG-18: a missing custom attribute type', () => {
  it('fails before anything is created, naming the type and the owner; nothing to clean up', async () => {
    const emulator = await emulatorWith({
      owners: [
        {
          name: OWNER,
          attributeTypes: [
            { name: 'Source', maxSize: 2048 },
            { name: 'Description', maxSize: 65500 },
          ],
        },
      ],
    });
    const tc = tcClient(emulator.url);
    const input = {
      name: 'Sandbox analysis 1118',
      eventDate: '2024-05-06T10:11:12Z',
      xid: 'cuckoo-tc:sandbox:1118',
      attributes: [
        { type: 'Analysis ID', value: '1118' },
        { type: 'Source', value: 'http://cuckoo.local/analysis/1118/' },
      ],
    };
    const err = await failure(tc.createIncident(input));
    // A retried job fails the same way and still creates nothing (no second incident).
    const again = await failure(tc.createIncident(input));
    tc.close();
    expect(err).toBeInstanceOf(TcMissingMetadataError);
    expect(err).toMatchObject({ kind: 'attribute-type', names: ['Analysis ID'], owner: OWNER });
    expect(err.message).toContain(
      "missing group attribute type 'Analysis ID' in owner 'Cuckoo Sandbox'",
    );
    expect(classifyOutcome(err)).toBe('permanent');
    expect(again).toBeInstanceOf(TcMissingMetadataError);
    expect(emulator.state().groups).toHaveLength(0);
  });
});

describe('BUG-19: a File whose hash already exists on another File', () => {
  it('reuses the existing File (found by hash) instead of failing or duplicating', async () => {
    const emulator = await emulatorWith();
    const report = {
      md5: '85f21cb750b8dcdd29c801bdd0412fed',
      sha1: '30fd616b95fbcc3a198d6b7dc6bb1a5a47826b5c',
      sha256: 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
    };
    const tc = tcClient(emulator.url);
    const known = await tc.upsertIndicator({ type: 'File', md5: report.md5 }); // someone else's File
    const group = await tc.createIncident({
      name: 'Sandbox analysis 1119',
      eventDate: '2024-05-06T10:11:12Z',
      xid: 'bug19',
    });
    const file = await tc.upsertIndicator({
      type: 'File',
      ...report,
      size: 1024,
      associatedGroupIds: [group.id],
    });
    tc.close();
    expect(file).toMatchObject({ id: known.id, existingFile: true });
    const files = emulator.state().indicators.filter(i => i.type === 'File');
    expect(files).toHaveLength(1);
    expect(files[0]?.associatedGroupIds).toEqual([group.id]);
  });
});

describe('BUG-20: indicator values in REST paths are encoded exactly once', () => {
  it.each([
    'http://198.51.100.5/dl.php?f=%2Fetc%2Fhosts&t=1',
    'http://198.51.100.5/p%25d/x%2520y?q=a+b#frag',
  ])('%s is found by summary, and the path on the wire encodes it once', async value => {
    const emulator = await emulatorWith();
    const proxy = await startRecordingProxy(emulator);
    started.push(proxy);
    const tc = tcClient(proxy.url);
    const created = await tc.upsertIndicator({ type: 'URL', text: value });
    const found = await tc.getIndicator(value);
    // A doubly encoded path names another value, which does not exist.
    const doubled = await tc.getIndicator(encodeURIComponent(value));
    tc.close();
    expect(found?.id).toBe(created.id);
    expect(doubled).toBeNull();
    const lookup = proxy.targets.find(t => t.startsWith('/api/v3/indicators/')) ?? '';
    expect(lookup.split('?')[0]).toBe(`/api/v3/indicators/${encodeURIComponent(value)}`);
    expect(emulator.state().indicators.map(i => i.summary)).toEqual([value]);
  });
});
