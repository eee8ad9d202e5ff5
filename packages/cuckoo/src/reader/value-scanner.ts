// Walks one JSON value (object, array, string, number or literal) chunk by chunk without building
// anything: it tracks bracket nesting, string boundaries and escape state across chunk boundaries
// and rejects bytes that cannot appear outside a string. This is the hot loop of the reader, so it
// works on plain Buffers with a lookup table and jumps through strings with Buffer#indexOf.
import { BYTE_CLASS, CLOSE, OPEN, PLAIN, QUOTE, SCALAR_BYTE } from './byte-classes.js';
import { ReportReadError, describeWhere } from './errors.js';

/** Bytes scanned in JS before calling indexOf: a call costs about as much as scanning ~18 bytes. */
const SHORT_STRING_SCAN = 16;
const BACKSLASH = 0x5c;
const DQUOTE = 0x22;
const SPACE = 0x20;
/** Four spaces read as one 32-bit word (the same in either byte order). */
const FOUR_SPACES = 0x20202020;
/** Word views are only used where byte offsets stay inside int32 arithmetic. */
const MAX_WORD_VIEW_BYTES = 2 ** 31 - 1;
const NO_WORDS = new Int32Array(0);
/** Deepest nesting accepted; real reports stay below 50, junk must not grow the stack without end. */
const MAX_DEPTH = 65_536;

/** Incremental scanner for a single JSON value; `scan*` return the index after the value or -1. */
export class ValueScanner {
  /** Top-level key whose value is being scanned, for error messages. */
  path: string | undefined;
  private depth = 0;
  private stack: Uint8Array = new Uint8Array(256);
  private inString = false;
  private escapePending = false;
  private inScalar = false;
  /** Int32 view of the current chunk's memory, for skipping indentation four bytes at a time. */
  private words: Int32Array = NO_WORDS;
  private wordsOf: ArrayBufferLike = NO_WORDS.buffer;

  /** Begins a value whose first byte is `buf[i]`; `base` is the input offset of `buf[0]`. */
  start(buf: Buffer, i: number, base: number): number {
    this.bindWords(buf);
    const byte = buf[i] ?? 0;
    const kind = BYTE_CLASS[byte];
    if (kind === OPEN) {
      this.stack[0] = byte;
      this.depth = 1;
      return this.scanContainer(buf, i + 1, base);
    }
    if (kind === QUOTE) {
      return this.skipString(buf, i + 1);
    }
    if (SCALAR_BYTE[byte] === 1) {
      this.inScalar = true;
      return this.scanScalar(buf, i + 1);
    }
    throw this.unexpected(byte, base + i);
  }

  /** Continues the value begun in an earlier chunk at the start of `buf`. */
  resume(buf: Buffer, base: number): number {
    this.bindWords(buf);
    if (this.inScalar) {
      return this.scanScalar(buf, 0);
    }
    let i = 0;
    if (this.inString) {
      i = this.skipString(buf, 0);
      if (i < 0 || this.depth === 0) {
        return i;
      }
    }
    return this.scanContainer(buf, i, base);
  }

  /** True while the value is a bare number or literal, which only ends at the next delimiter. */
  get endsAtDelimiter(): boolean {
    return this.inScalar;
  }

  /** Marks a bare scalar value as finished (its delimiter arrived or the input ended). */
  closeScalar(): void {
    this.inScalar = false;
  }

  private scanScalar(buf: Buffer, i: number): number {
    const n = buf.length;
    while (i < n && SCALAR_BYTE[buf[i]!] === 1) {
      i++;
    }
    if (i === n) {
      return -1;
    }
    this.inScalar = false;
    return i;
  }

  private scanContainer(buf: Buffer, i: number, base: number): number {
    const n = buf.length;
    const table = BYTE_CLASS;
    let depth = this.depth;
    let stack = this.stack;
    while (i < n) {
      const byte = buf[i]!;
      const kind = table[byte];
      if (kind === PLAIN) {
        i =
          byte === SPACE && i + 1 < n && buf[i + 1] === SPACE ? this.skipSpaces(buf, i + 2) : i + 1;
      } else if (kind === QUOTE) {
        i = this.skipString(buf, i + 1);
        if (i < 0) {
          break;
        }
      } else if (kind === OPEN) {
        if (depth === stack.length) {
          stack = this.grow(base + i);
        }
        stack[depth++] = byte;
        i++;
      } else if (kind === CLOSE) {
        // `}` and `]` are their opener plus two.
        if (stack[--depth] !== byte - 2) {
          throw this.mismatch(byte, base + i);
        }
        i++;
        if (depth === 0) {
          this.depth = 0;
          return i;
        }
      } else {
        throw this.unexpected(byte, base + i);
      }
    }
    this.depth = depth;
    return -1;
  }

  /**
   * Finds the closing quote of a string whose body starts at `i`. A quote is escaped when an odd run
   * of backslashes precedes it; the run is counted back only to `floor`, because escapes pair up left
   * to right and `escapePending` carries an unpaired backslash over a chunk boundary.
   */
  private skipString(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.escapePending) {
      this.escapePending = false;
      i++;
    }
    let floor = i;
    for (;;) {
      let q = -1;
      const limit = i + SHORT_STRING_SCAN < n ? i + SHORT_STRING_SCAN : n;
      for (let j = i; j < limit; j++) {
        if (buf[j] === DQUOTE) {
          q = j;
          break;
        }
      }
      if (q < 0 && limit < n) {
        q = buf.indexOf(DQUOTE, limit);
      }
      const runEnd = q < 0 ? n : q;
      let j = runEnd - 1;
      while (j >= floor && buf[j] === BACKSLASH) {
        j--;
      }
      const odd = ((runEnd - 1 - j) & 1) === 1;
      if (q < 0) {
        this.inString = true;
        this.escapePending = odd;
        return -1;
      }
      if (!odd) {
        this.inString = false;
        return q + 1;
      }
      i = q + 1;
      floor = i;
    }
  }

  /** Skips a run of spaces (indentation is about half of a pretty-printed report), by words once aligned. */
  private skipSpaces(buf: Buffer, i: number): number {
    const n = buf.length;
    const offset = buf.byteOffset;
    const words = this.words;
    while (i < n && ((offset + i) & 3) !== 0) {
      if (buf[i] !== SPACE) {
        return i;
      }
      i++;
    }
    if (words.length > 0 && i < n) {
      let w = (offset + i) >> 2;
      const end = (offset + n) >> 2;
      while (w < end && words[w] === FOUR_SPACES) {
        w++;
      }
      i = w * 4 - offset;
    }
    while (i < n && buf[i] === SPACE) {
      i++;
    }
    return i;
  }

  private bindWords(buf: Buffer): void {
    const memory = buf.buffer;
    if (memory !== this.wordsOf) {
      this.wordsOf = memory;
      this.words =
        memory.byteLength <= MAX_WORD_VIEW_BYTES
          ? new Int32Array(memory, 0, memory.byteLength >> 2)
          : NO_WORDS;
    }
  }

  private grow(offset: number): Uint8Array {
    if (this.stack.length >= MAX_DEPTH) {
      throw new ReportReadError(
        `report is too deeply nested: more than ${MAX_DEPTH} levels at byte ${offset}${describeWhere(this.path)}`,
        { code: 'REPORT_TOO_LARGE', offset, path: this.path },
      );
    }
    const bigger = new Uint8Array(this.stack.length * 2);
    bigger.set(this.stack);
    this.stack = bigger;
    return bigger;
  }

  private unexpected(byte: number, offset: number): ReportReadError {
    const shown =
      byte >= 0x20 && byte < 0x7f
        ? `'${String.fromCharCode(byte)}'`
        : `0x${byte.toString(16).padStart(2, '0')}`;
    return new ReportReadError(
      `report is not valid JSON: unexpected byte ${shown} at byte ${offset}${describeWhere(this.path)}`,
      {
        code: 'REPORT_INVALID_JSON',
        offset,
        path: this.path,
      },
    );
  }

  private mismatch(byte: number, offset: number): ReportReadError {
    return new ReportReadError(
      `report is not valid JSON: unbalanced '${String.fromCharCode(byte)}' at byte ${offset}${describeWhere(this.path)}`,
      { code: 'REPORT_INVALID_JSON', offset, path: this.path },
    );
  }
}
