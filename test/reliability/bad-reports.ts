// The generated bad-input corpus: byte-level damage (truncation at many offsets, trailing
// garbage, invalid UTF-8 and NUL outside strings, binary junk, empty, not an object, deep nesting,
// oversize) that must fail the analysis with a one-line reason naming the byte offset, and
// wrong types in every field the normaliser uses, which must NOT fail the analysis: the field is
// ignored with a warning and nothing bogus is sent. Each case says which outcome is correct.
import { goodReport, seededRandom } from './good-reports.js';

/** What the pipeline must do with a case. */
export type BadReportExpectation =
  /** Fails the parse job at once (attemptsMade 1), creates nothing; reason matches. */
  | { kind: 'fail'; reason: RegExp; offset: number | null }
  /** Delivered; every delivery-record warning matches `warning`; none at all when null. */
  | { kind: 'deliver'; warning: RegExp | null };

/** One case of the corpus. */
export interface BadReport {
  /** The task id it is delivered under (the report's info.id, where it has one). */
  taskId: number;
  name: string;
  bytes: Buffer;
  expect: BadReportExpectation;
}

/** Reports larger than this fail as too large in the corpus' configuration. */
export const CORPUS_MAX_REPORT_BYTES = 1024 * 1024;

const fail = (reason: RegExp, offset: number | null): BadReportExpectation => ({
  kind: 'fail',
  reason,
  offset,
});
const deliver = (warning: RegExp | null): BadReportExpectation => ({ kind: 'deliver', warning });

function base(taskId: number): Record<string, unknown> {
  return goodReport(taskId, seededRandom(taskId));
}

function byteCases(taskId: number): Omit<BadReport, 'taskId'>[] {
  const text = JSON.stringify(base(taskId), null, 1);
  const buf = Buffer.from(text);
  const cases: Omit<BadReport, 'taskId'>[] = [];
  // Truncation at 14 offsets spread over the document (inside keys, strings, numbers, sections).
  for (let k = 1; k <= 14; k++) {
    const at = Math.floor((buf.length * k) / 15);
    cases.push({
      name: `truncated at byte ${at} of ${buf.length}`,
      bytes: buf.subarray(0, at),
      expect: fail(/report is truncated: input ended at byte \d+/, at),
    });
  }
  const networkAt = text.indexOf('"network": {') + '"network": {'.length;
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  const firstJunk = junk.findIndex(b => ![0x20, 0x09, 0x0a, 0x0d].includes(b));
  const nul = `{"info": {"id": ${taskId}}\u0000}`;
  cases.push(
    { name: 'empty file', bytes: Buffer.alloc(0), expect: fail(/report is empty \(0 bytes\)/, 0) },
    { name: 'whitespace only', bytes: Buffer.from(' \n\t\n'), expect: fail(/no JSON value/, 4) },
    {
      name: 'a JSON array',
      bytes: Buffer.from('[{"info": {"id": 1}}]'),
      expect: fail(/not a JSON object/, 0),
    },
    { name: 'a JSON string', bytes: Buffer.from('"report"'), expect: fail(/not a JSON object/, 0) },
    { name: 'a JSON number', bytes: Buffer.from('42'), expect: fail(/not a JSON object/, 0) },
    { name: 'JSON null', bytes: Buffer.from('null'), expect: fail(/not a JSON object/, 0) },
    {
      name: 'trailing garbage after the closing brace',
      bytes: Buffer.concat([buf, Buffer.from('\n}garbage')]),
      expect: fail(/trailing data after the closing brace/, buf.length + 1),
    },
    {
      name: 'a second document appended',
      bytes: Buffer.concat([buf, buf]),
      expect: fail(/trailing data after the closing brace/, buf.length),
    },
    {
      name: 'invalid UTF-8 byte between tokens of a kept section',
      bytes: Buffer.concat([
        buf.subarray(0, networkAt),
        Buffer.from([0xff]),
        buf.subarray(networkAt),
      ]),
      expect: fail(/not valid JSON: unexpected byte 0xff at byte \d+ inside "network"/, networkAt),
    },
    {
      name: 'invalid UTF-8 byte between tokens of a skipped section',
      bytes: Buffer.from(`{"behavior": {"a": 1,\xff "b": 2}, "info": {"id": ${taskId}}}`, 'latin1'),
      expect: fail(/not valid JSON: unexpected byte 0xff at byte \d+ inside "behavior"/, 21),
    },
    {
      name: 'a NUL byte outside strings',
      bytes: Buffer.from(nul),
      expect: fail(/not valid JSON: unexpected byte 0x00/, nul.indexOf('\u0000')),
    },
    {
      name: 'binary junk',
      bytes: junk,
      expect: fail(/not valid JSON: unexpected byte 0x[0-9a-f]{2}/, firstJunk),
    },
    {
      name: 'gzip magic instead of JSON (a compressed report)',
      bytes: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
      expect: fail(/not valid JSON: unexpected byte 0x1f/, 0),
    },
    {
      name: 'nesting deeper than 65536 levels in a skipped section',
      bytes: Buffer.from(`{"behavior": ${'['.repeat(70_000)}${']'.repeat(70_000)}}`),
      expect: fail(/too deeply nested: more than 65536 levels at byte 65549/, 65_549),
    },
    {
      name: 'a huge string pushing the report over the size limit',
      bytes: Buffer.from(
        JSON.stringify({ ...base(taskId), behavior: 'x'.repeat(CORPUS_MAX_REPORT_BYTES) }),
      ),
      expect: fail(/report is too large: more than \d+ bytes/, CORPUS_MAX_REPORT_BYTES),
    },
    {
      name: 'unbalanced brackets inside a skipped section',
      bytes: Buffer.from(`{"behavior": {"processes": [}], "info": {"id": ${taskId}}}`),
      expect: fail(/not valid JSON: unbalanced '}'/, 28),
    },
  );
  return cases;
}

/** Replaces one field of the base report (path of keys) with `value`. */
function withField(taskId: number, keys: string[], value: unknown): Buffer {
  const doc = base(taskId);
  let node = doc as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return Buffer.from(JSON.stringify(doc));
}

/** Wrong types in every field the normaliser reads: warnings, not failures. */
function typeCases(firstTaskId: number): BadReport[] {
  const fields: { keys: string[]; value: unknown }[] = [
    { keys: ['info'], value: 'not an object' },
    { keys: ['info', 'id'], value: { id: 1 } },
    { keys: ['info', 'started'], value: 1_700_000_000_000 },
    { keys: ['info', 'category'], value: ['file'] },
    { keys: ['info', 'version'], value: 2 },
    { keys: ['target'], value: [1, 2, 3] },
    { keys: ['target', 'category'], value: 7 },
    { keys: ['network'], value: 'none' },
    { keys: ['network', 'hosts'], value: { ip: '198.51.100.1' } },
    { keys: ['network', 'hosts'], value: [42, null, ['198.51.100.2'], { ip: 17 }] },
    { keys: ['network', 'domains'], value: 'evil.example' },
    { keys: ['network', 'domains'], value: [{ domain: 12, ip: [] }, 'x', null] },
    { keys: ['network', 'dns'], value: [{ request: false, answers: 'A' }] },
    { keys: ['network', 'http'], value: [{ host: [], uri: 5, port: 'eighty' }, 3] },
    { keys: ['network', 'udp'], value: { src: 1 } },
    { keys: ['behavior'], value: 17 },
  ];
  return fields.map(({ keys, value }, i) => {
    const taskId = firstTaskId + i;
    const field = keys.join('.');
    // `behavior` is never read (skipped at byte speed), so nothing there can warn.
    const warning =
      field === 'behavior' ? null : new RegExp(`^report ${field.replace('.', '\\.')}[.[:]`);
    return {
      taskId,
      name: `wrong type: ${field} = ${JSON.stringify(value)}`,
      bytes: withField(taskId, keys, value),
      expect: deliver(warning),
    };
  });
}

/** The whole corpus, with task ids from `firstTaskId` on. */
export function badReportCorpus(firstTaskId: number): BadReport[] {
  const bytes = byteCases(firstTaskId).map((c, i) => ({ ...c, taskId: firstTaskId + i }));
  return [...bytes, ...typeCases(firstTaskId + bytes.length)];
}
