// The top level of a report: `{ "key": value, ... }` followed only by whitespace. This state
// machine validates that frame byte by byte (it is a handful of bytes per section), hands each value
// to the ValueScanner and routes the bytes of kept sections into a SectionCollector.
import { isJsonWhitespace } from './byte-classes.js';
import { ReportReadError, describeWhere } from './errors.js';
import { SectionCollector } from './section-collector.js';
import type { ReportSections, SectionName } from './sections.js';
import { ValueScanner } from './value-scanner.js';

const enum State {
  Start,
  FirstKey,
  NextKey,
  Key,
  Colon,
  ValueStart,
  Value,
  AfterValue,
  End,
}

const BOM = [0xef, 0xbb, 0xbf] as const;
/** Longest key kept verbatim; top-level keys are short, longer ones are only named in messages. */
const MAX_KEY_BYTES = 1024;

/** Limits and the kept-set for one {@link ReportScanner}. */
export interface ReportScannerOptions {
  keep: ReadonlySet<string>;
  maxSectionBytes: number;
}

/** Push-style reader of one report: feed chunks with `push`, then call `end`. */
export class ReportScanner {
  private state = State.Start;
  private base = 0;
  private bomSeen = 0;
  private readonly values = new ValueScanner();
  private readonly keyBytes: number[] = [];
  private keyEscaped = false;
  private keyEscapeNext = false;
  private key: string | undefined;
  private collector: SectionCollector | undefined;
  private readonly sections: Partial<Record<SectionName, unknown>> = {};
  private readonly skipped = new Set<string>();

  constructor(private readonly options: ReportScannerOptions) {}

  /** Consumes the next chunk of input. */
  push(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.Value) {
        i = this.continueValue(buf, 0);
      } else if (this.state === State.Key) {
        i = this.readKey(buf, i);
      } else {
        i = this.structural(buf, i);
      }
    }
    this.base += n;
  }

  /** Signals end of input and returns the kept sections, or throws what is wrong with the document. */
  end(): ReportSections {
    if (this.state === State.Value && this.values.endsAtDelimiter) {
      // A bare number ends with the input; the object is still unclosed, reported just below.
      this.values.closeScalar();
    }
    if (this.state === State.Start) {
      throw this.startFailure();
    }
    if (this.state !== State.End) {
      const where = describeWhere(this.key);
      throw new ReportReadError(`report is truncated: input ended at byte ${this.base}${where}`, {
        code: 'REPORT_TRUNCATED',
        offset: this.base,
        path: this.key,
      });
    }
    return { sections: this.sections, bytesRead: this.base, skippedSections: [...this.skipped] };
  }

  private structural(buf: Buffer, i: number): number {
    const byte = buf[i] ?? 0;
    if (this.state === State.Start && this.bomSeen < BOM.length && this.base + i === this.bomSeen) {
      if (byte === BOM[this.bomSeen]) {
        this.bomSeen++;
        return i + 1;
      }
      if (this.bomSeen > 0) {
        throw this.invalid(byte, i);
      }
    }
    if (isJsonWhitespace(byte)) {
      return i + 1;
    }
    switch (this.state) {
      case State.Start:
        return this.openObject(byte, i);
      case State.FirstKey:
      case State.NextKey:
        return this.beginKey(byte, i);
      case State.Colon:
        if (byte !== 0x3a) {
          throw this.invalid(byte, i);
        }
        this.state = State.ValueStart;
        return i + 1;
      case State.ValueStart:
        return this.beginValue(buf, i);
      case State.AfterValue:
        return this.afterValue(byte, i);
      default:
        throw new ReportReadError(
          `report has trailing data after the closing brace at byte ${this.base + i}`,
          { code: 'REPORT_TRAILING_DATA', offset: this.base + i },
        );
    }
  }

  private openObject(byte: number, i: number): number {
    if (byte === 0x7b) {
      this.state = State.FirstKey;
      return i + 1;
    }
    if (
      byte === 0x5b ||
      byte === 0x22 ||
      byte === 0x2d ||
      (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x74 ||
      byte === 0x66 ||
      byte === 0x6e
    ) {
      const offset = this.base + i;
      throw new ReportReadError(
        `report is not a JSON object: it starts with '${String.fromCharCode(byte)}' at byte ${offset}`,
        { code: 'REPORT_NOT_OBJECT', offset },
      );
    }
    throw this.invalid(byte, i);
  }

  private beginKey(byte: number, i: number): number {
    if (byte === 0x7d && this.state === State.FirstKey) {
      this.state = State.End;
      return i + 1;
    }
    if (byte !== 0x22) {
      throw this.invalid(byte, i);
    }
    this.keyBytes.length = 0;
    this.keyEscaped = false;
    this.keyEscapeNext = false;
    this.key = undefined;
    this.state = State.Key;
    return i + 1;
  }

  private readKey(buf: Buffer, i: number): number {
    const n = buf.length;
    for (; i < n; i++) {
      const byte = buf[i] ?? 0;
      if (this.keyEscapeNext) {
        this.keyEscapeNext = false;
      } else if (byte === 0x22) {
        this.key = this.decodeKey(i);
        this.state = State.Colon;
        return i + 1;
      } else if (byte === 0x5c) {
        this.keyEscapeNext = true;
        this.keyEscaped = true;
      } else if (byte < 0x20) {
        throw this.invalid(byte, i);
      }
      if (this.keyBytes.length < MAX_KEY_BYTES) {
        this.keyBytes.push(byte);
      }
    }
    return n;
  }

  private decodeKey(i: number): string {
    const raw = Buffer.from(this.keyBytes).toString('utf8');
    if (!this.keyEscaped) {
      return raw;
    }
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch (error) {
      const offset = this.base + i;
      throw new ReportReadError(
        `report is not valid JSON: bad escape in a top-level key ending at byte ${offset}`,
        {
          code: 'REPORT_INVALID_JSON',
          offset,
          cause: error,
        },
      );
    }
  }

  private beginValue(buf: Buffer, i: number): number {
    const key = this.key ?? '';
    this.values.path = key;
    if (this.options.keep.has(key)) {
      this.collector = new SectionCollector(key, this.base + i, this.options.maxSectionBytes);
    } else {
      this.collector = undefined;
      this.skipped.add(key);
    }
    this.state = State.Value;
    return this.afterScan(buf, i, this.values.start(buf, i, this.base));
  }

  private continueValue(buf: Buffer, i: number): number {
    return this.afterScan(buf, i, this.values.resume(buf, this.base));
  }

  /** Routes the scanned bytes `buf[from, end)` of the current value; `end` is -1 at chunk end. */
  private afterScan(buf: Buffer, from: number, end: number): number {
    const stop = end < 0 ? buf.length : end;
    if (this.collector !== undefined) {
      this.collector.add(buf.subarray(from, stop));
    }
    if (end < 0) {
      return buf.length;
    }
    if (this.collector !== undefined) {
      this.sections[this.collector.name as SectionName] = this.collector.finish();
      this.collector = undefined;
    }
    this.state = State.AfterValue;
    return end;
  }

  private afterValue(byte: number, i: number): number {
    if (byte === 0x2c) {
      this.state = State.NextKey;
    } else if (byte === 0x7d) {
      this.state = State.End;
      this.key = undefined;
    } else {
      throw this.invalid(byte, i);
    }
    return i + 1;
  }

  private startFailure(): ReportReadError {
    if (this.bomSeen > 0 && this.bomSeen < BOM.length) {
      return this.invalid(undefined, 0);
    }
    const what =
      this.base === 0
        ? 'report is empty (0 bytes)'
        : `report holds no JSON value (${this.base} bytes of whitespace)`;
    return new ReportReadError(`${what}: expected '{' at byte ${this.base}`, {
      code: 'REPORT_EMPTY',
      offset: this.base,
    });
  }

  private invalid(byte: number | undefined, i: number): ReportReadError {
    const offset = this.base + i;
    const shown =
      byte === undefined
        ? 'end of input'
        : byte >= 0x20 && byte < 0x7f
          ? `'${String.fromCharCode(byte)}'`
          : `byte 0x${byte.toString(16).padStart(2, '0')}`;
    return new ReportReadError(
      `report is not valid JSON: unexpected ${shown} at byte ${offset}${describeWhere(this.key)}`,
      {
        code: 'REPORT_INVALID_JSON',
        offset,
        path: this.key,
      },
    );
  }
}
