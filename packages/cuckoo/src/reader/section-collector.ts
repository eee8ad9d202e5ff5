// Accumulates the bytes of one kept top-level section as they stream past and parses them on their
// own once the section ends. Decoding is incremental (multi-byte characters may straddle chunks) and
// lenient: invalid UTF-8 becomes U+FFFD instead of failing the whole report.
import { ReportReadError } from './errors.js';

/** Collects one kept section's bytes and turns them into its JSON value. */
export class SectionCollector {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  private readonly parts: string[] = [];
  private bytes = 0;

  constructor(
    readonly name: string,
    /** Input offset of the section's first byte. */
    readonly start: number,
    private readonly maxBytes: number,
  ) {}

  /** Adds the next piece of the section's bytes. */
  add(piece: Buffer): void {
    this.bytes += piece.length;
    if (this.bytes > this.maxBytes) {
      const offset = this.start + this.maxBytes;
      throw new ReportReadError(
        `report section "${this.name}" is too large: more than ${this.maxBytes} bytes (limit reached at byte ${offset})`,
        { code: 'REPORT_TOO_LARGE', offset, path: this.name },
      );
    }
    if (piece.length > 0) {
      this.parts.push(this.decoder.decode(piece, { stream: true }));
    }
  }

  /** Parses the collected section; a syntax error is reported at its approximate byte offset. */
  finish(): unknown {
    const text = this.joinText();
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const offset = this.start + byteOffsetOfError(text, error);
      throw new ReportReadError(
        `report is not valid JSON: syntax error at byte ${offset} inside "${this.name}"`,
        {
          code: 'REPORT_INVALID_JSON',
          offset,
          path: this.name,
          cause: error,
        },
      );
    }
  }

  /** One string of the whole section; V8 caps strings at about 512 MiB, beyond that the section is too large. */
  private joinText(): string {
    try {
      this.parts.push(this.decoder.decode());
      const text = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
      this.parts.length = 0;
      return text;
    } catch (error) {
      const offset = this.start + this.bytes;
      throw new ReportReadError(
        `report section "${this.name}" is too large to decode (${this.bytes} bytes, ending at byte ${offset})`,
        { code: 'REPORT_TOO_LARGE', offset, path: this.name, cause: error },
      );
    }
  }
}

/** Maps V8's "at position N" (UTF-16 units) back to a UTF-8 byte count; 0 when it is not given. */
function byteOffsetOfError(text: string, error: unknown): number {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (match === null) {
    return 0;
  }
  return Buffer.byteLength(text.slice(0, Number(match[1])), 'utf8');
}
