import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorOf } from './__fixtures__/chunks.js';
import { ReportReadError, isReportReadError } from './errors.js';
import { readReport } from './read-report.js';

describe('readReport errors', () => {
  it('REPORT_EMPTY for no bytes and for whitespace only', async () => {
    expect(await errorOf('')).toMatchObject({ code: 'REPORT_EMPTY', offset: 0 });
    const blank = await errorOf(' \n\t\r\n');
    expect(blank).toMatchObject({ code: 'REPORT_EMPTY', offset: 5 });
    expect(blank.message).toBe(
      "report holds no JSON value (5 bytes of whitespace): expected '{' at byte 5",
    );
  });

  it('REPORT_NOT_OBJECT when the top level is another JSON value', async () => {
    expect(await errorOf('[{"info": {}}]')).toMatchObject({ code: 'REPORT_NOT_OBJECT', offset: 0 });
    expect(await errorOf('  "report"')).toMatchObject({ code: 'REPORT_NOT_OBJECT', offset: 2 });
    expect(await errorOf('null')).toMatchObject({ code: 'REPORT_NOT_OBJECT', offset: 0 });
    expect(await errorOf('-1')).toMatchObject({ code: 'REPORT_NOT_OBJECT', offset: 0 });
  });

  it('REPORT_TRUNCATED names the byte where input ended and the section being read', async () => {
    const input = '{"info": {"id": 1}, "network": {"hosts": ["198.51.100.7"';
    const error = await errorOf(input);
    expect(error).toMatchObject({
      code: 'REPORT_TRUNCATED',
      offset: input.length,
      path: 'network',
    });
    expect(error.message).toBe(
      `report is truncated: input ended at byte ${input.length} inside "network"`,
    );
    expect(await errorOf('{')).toMatchObject({ code: 'REPORT_TRUNCATED', offset: 1 });
    expect(await errorOf('{"behavior": "abc')).toMatchObject({
      code: 'REPORT_TRUNCATED',
      offset: 17,
      path: 'behavior',
    });
    expect(await errorOf('{"behav')).toMatchObject({ code: 'REPORT_TRUNCATED', offset: 7 });
    expect(await errorOf('{"a": 12')).toMatchObject({
      code: 'REPORT_TRUNCATED',
      offset: 8,
      path: 'a',
    });
    expect(await errorOf('{"a": 1,')).toMatchObject({ code: 'REPORT_TRUNCATED', offset: 8 });
  });

  it('REPORT_TRAILING_DATA at the first non-whitespace byte after the closing brace', async () => {
    const error = await errorOf('{"info": {}}\n  }x');
    expect(error).toMatchObject({ code: 'REPORT_TRAILING_DATA', offset: 15 });
    expect(error.message).toBe('report has trailing data after the closing brace at byte 15');
    expect(await errorOf('{}{}')).toMatchObject({ code: 'REPORT_TRAILING_DATA', offset: 2 });
  });

  it('REPORT_INVALID_JSON for bytes that cannot appear outside strings, in skipped sections too', async () => {
    const junk = Buffer.concat([
      Buffer.from('{"behavior": [1, '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(']}'),
    ]);
    const error = await errorOf(junk);
    expect(error).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 17, path: 'behavior' });
    expect(error.message).toBe(
      'report is not valid JSON: unexpected byte 0xff at byte 17 inside "behavior"',
    );
    expect(await errorOf('{"behavior": {"a": \u0001}}')).toMatchObject({
      code: 'REPORT_INVALID_JSON',
      offset: 19,
    });
    expect(await errorOf('{"static": {"a": <b>}}')).toMatchObject({
      code: 'REPORT_INVALID_JSON',
      offset: 17,
    });
    expect(await errorOf('{"a": 1 x}')).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 8 });
    expect(await errorOf('{"a" 1}')).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 5 });
    expect(await errorOf('{"a": 1,}')).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 8 });
    expect(await errorOf('{,}')).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 1 });
    expect(await errorOf('{"a\u0001": 1}')).toMatchObject({
      code: 'REPORT_INVALID_JSON',
      offset: 3,
    });
    expect(await errorOf('#!{}')).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 0 });
  });

  it('REPORT_INVALID_JSON for unbalanced brackets inside a skipped section', async () => {
    const error = await errorOf('{"behavior": {"calls": [1, 2}}');
    expect(error).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 28, path: 'behavior' });
    expect(error.message).toContain("unbalanced '}' at byte 28");
    expect(await errorOf('{"behavior": [[[]]]]}')).toMatchObject({
      code: 'REPORT_INVALID_JSON',
      offset: 19,
    });
  });

  it('REPORT_INVALID_JSON for a syntax error inside a kept section, with its offset and path', async () => {
    const input = '{"info": {}, "network": {"hosts": ["198.51.100.7" "198.51.100.8"]}}';
    const offset = input.indexOf('"198.51.100.8"');
    const error = await errorOf(input);
    expect(error).toMatchObject({ code: 'REPORT_INVALID_JSON', path: 'network.hosts[0]', offset });
    expect(error.message).toBe(
      `report is not valid JSON: expected ',' or ']' after array element at byte ${offset} inside "network.hosts[0]"`,
    );
    const multiByte = '{"target": {"name": "été", "x": 1,}}';
    expect(await errorOf(multiByte)).toMatchObject({
      offset: Buffer.byteLength(multiByte) - 2,
      path: 'target',
    });
    const noPosition = await errorOf('{"x": 1, "network": {"a": tru}}');
    expect(noPosition).toMatchObject({ code: 'REPORT_INVALID_JSON', path: 'network', offset: 20 });
    expect(noPosition.message).toBe(
      `report is not valid JSON: unexpected token '}' at byte 20 inside "network"`,
    );
  });

  it('accepts a UTF-8 BOM only at the very start', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const ok = await readReport(
      Readable.from([Buffer.concat([bom, Buffer.from('{"info": {"id": 3}}')])]),
    );
    expect(ok.sections.info).toEqual({ id: 3 });
    const late = Buffer.concat([Buffer.from(' '), bom, Buffer.from('{}')]);
    expect(await errorOf(late)).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 1 });
    expect(await errorOf(Buffer.from([0xef, 0xbb, 0x7b, 0x7d]))).toMatchObject({
      code: 'REPORT_INVALID_JSON',
      offset: 2,
    });
  });

  it('REPORT_TOO_LARGE for the whole report and for one kept section', async () => {
    const input = '{"info": {"id": 1}, "behavior": [1, 2, 3, 4, 5, 6, 7, 8, 9]}';
    expect(await errorOf(input, { maxReportBytes: 30 })).toMatchObject({
      code: 'REPORT_TOO_LARGE',
      offset: 30,
    });
    const section = await errorOf('{"network": {"hosts": ["198.51.100.7"]}}', {
      maxSectionBytes: 10,
    });
    expect(section).toMatchObject({ code: 'REPORT_TOO_LARGE', offset: 12 + 10, path: 'network' });
    expect(section.message).toBe(
      'report section "network" is too large: more than 10 bytes (limit reached at byte 22)',
    );
    const skippedIsUncapped = await readReport(Readable.from([input]), { maxSectionBytes: 10 });
    expect(skippedIsUncapped.sections.info).toEqual({ id: 1 });
  });

  it('REPORT_TOO_LARGE for nesting deeper than 65536 levels, which no real report has', async () => {
    const deep = `{"behavior": ${'['.repeat(70_000)}`;
    const error = await errorOf(deep);
    expect(error).toMatchObject({
      code: 'REPORT_TOO_LARGE',
      offset: 13 + 65_536,
      path: 'behavior',
    });
    expect(error.message).toBe(
      'report is too deeply nested: more than 65536 levels at byte 65549 inside "behavior"',
    );
  });

  it('stops the source stream when the document is bad', async () => {
    const stream = new PassThrough();
    stream.write('{"behavior": [}');
    const error: unknown = await readReport(stream).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REPORT_INVALID_JSON', offset: 14 });
    expect(stream.destroyed).toBe(true);
  });

  it('REPORT_UNREADABLE for a missing file, keeping the fs error as cause', async () => {
    const error: unknown = await readReport('/nonexistent/report.json').catch((e: unknown) => e);
    expect(isReportReadError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'REPORT_UNREADABLE', offset: 0, permanent: true });
    expect((error as ReportReadError).cause).toMatchObject({ code: 'ENOENT' });
    expect((error as Error).message).toBe('report file could not be read at byte 0 (ENOENT)');
  });

  it('REPORT_UNREADABLE with the offset reached when a stream fails midway', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"info": {"id": 1}, ');
      throw new Error('socket hang up');
    }
    const error: unknown = await readReport(failing()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REPORT_UNREADABLE', offset: 20, name: 'ReportReadError' });
    expect((error as Error).cause).toMatchObject({ message: 'socket hang up' });
  });

  it('every error is a permanent ReportReadError recognised by the guard, also by name', async () => {
    const error: unknown = await readReport(Readable.from(['{'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportReadError);
    expect(error).toMatchObject({ name: 'ReportReadError', permanent: true });
    const lookalike = Object.assign(new Error('x'), {
      name: 'ReportReadError',
      code: 'REPORT_EMPTY',
      offset: 0,
    });
    expect(isReportReadError(lookalike)).toBe(true);
    expect(isReportReadError(new Error('x'))).toBe(false);
    expect(isReportReadError('REPORT_EMPTY')).toBe(false);
  });
});

describe('readReport from a file', () => {
  it('reads a report file by path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-reader-'));
    try {
      const path = join(dir, 'report.json');
      await writeFile(path, '{"behavior": {"processes": []}, "info": {"id": 7}}\n');
      const result = await readReport(path);
      expect(result).toEqual({
        sections: { info: { id: 7 } },
        bytesRead: 51,
        skippedSections: ['behavior'],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads kept sections that span several 1 MiB file chunks, and files of exactly N MiB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-reader-'));
    try {
      const hosts = Array.from({ length: 100_000 }, (_, k) => `été-${k}.example.org`);
      const head = `{"behavior": "${'x'.repeat(1024 * 1024 - 30)}", "network": `;
      const body = JSON.stringify({ hosts });
      const tail = '}';
      const exact = 4 * 1024 * 1024;
      const text = head + body + ' '.repeat(exact - Buffer.byteLength(head + body + tail)) + tail;
      expect(Buffer.byteLength(text)).toBe(exact);
      const path = join(dir, 'report.json');
      await writeFile(path, text);
      const result = await readReport(path);
      expect(result.bytesRead).toBe(exact);
      expect(result.sections.network).toEqual({ hosts });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
