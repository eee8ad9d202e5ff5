import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readReport } from './read-report.js';

const REPORT = JSON.stringify({
  info: { id: 5 },
  behavior: { processes: [{ calls: [{ api: 'NtReadFile' }] }] },
  target: { category: 'file' },
  dropped: [{ name: 'a.dll' }],
  network: { hosts: ['198.51.100.7'] },
  procmemory: [],
  url_analysis: { url: 'http://example.org/' },
  signatures: [{ name: 'x' }],
  malfamily: 'Emotet',
});

describe('readReport sections', () => {
  it('keeps the default sections and lists the skipped ones', async () => {
    const result = await readReport(Readable.from([REPORT]));
    expect(Object.keys(result.sections)).toEqual([
      'info',
      'target',
      'network',
      'url_analysis',
      'signatures',
      'malfamily',
    ]);
    expect(result.sections.malfamily).toBe('Emotet');
    expect(result.skippedSections).toEqual(['behavior', 'dropped', 'procmemory']);
    expect(result.bytesRead).toBe(Buffer.byteLength(REPORT));
  });

  it('keeps dropped only with includeDropped', async () => {
    const result = await readReport(Readable.from([REPORT]), { includeDropped: true });
    expect(result.sections.dropped).toEqual([{ name: 'a.dll' }]);
    expect(result.skippedSections).toEqual(['behavior', 'procmemory']);
  });

  it('keeps exactly the sections named in options.sections', async () => {
    const result = await readReport(Readable.from([REPORT]), { sections: ['network'] });
    expect(result.sections).toEqual({ network: { hosts: ['198.51.100.7'] } });
  });

  it('returns no entry for a kept section that is absent', async () => {
    const result = await readReport(Readable.from(['{"info": {"id": 1}}']));
    expect(result.sections).toEqual({ info: { id: 1 } });
    expect('network' in result.sections).toBe(false);
  });
});

describe('readReport sources', () => {
  it('reads plain Uint8Array chunks and string chunks', async () => {
    const bytes = new TextEncoder().encode(REPORT);
    async function* uint8(): AsyncGenerator<Uint8Array> {
      yield bytes.slice(0, 10);
      yield bytes.slice(10);
    }
    expect((await readReport(uint8())).sections.info).toEqual({ id: 5 });
    async function* strings(): AsyncGenerator<string> {
      yield REPORT.slice(0, 33);
      yield REPORT.slice(33);
    }
    expect((await readReport(strings())).sections.network).toEqual({ hosts: ['198.51.100.7'] });
  });

  it('reads an old-style stream that has no async iterator', async () => {
    const legacy = Object.assign(new EventEmitter(), {
      readable: true,
      pause: () => legacy,
      resume: () => legacy,
    });
    setImmediate(() => {
      legacy.emit('data', Buffer.from(REPORT.slice(0, 50)));
      legacy.emit('data', Buffer.from(REPORT.slice(50)));
      legacy.emit('end');
    });
    const result = await readReport(legacy as unknown as NodeJS.ReadableStream);
    expect(result.sections.signatures).toEqual([{ name: 'x' }]);
  });
});

describe('readReport abort', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('shutting down');
    await expect(
      readReport(Readable.from([REPORT]), { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it('stops a stream that is still waiting for data', async () => {
    const stream = new PassThrough();
    stream.write('{"behavior": [');
    const controller = new AbortController();
    const reading = readReport(stream, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(stream.destroyed).toBe(true);
  });

  it('checks the signal between chunks of any async iterable', async () => {
    const controller = new AbortController();
    let pulled = 0;
    async function* source(): AsyncGenerator<Buffer> {
      pulled++;
      yield Buffer.from('{"behavior": [');
      controller.abort(new Error('stop'));
      pulled++;
      yield Buffer.from(']}');
      pulled++;
    }
    await expect(readReport(source(), { signal: controller.signal })).rejects.toThrow('stop');
    expect(pulled).toBe(2);
  });
});
