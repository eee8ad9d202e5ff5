// Accumulates the bytes of one kept top-level section as they stream past and parses them on their
// own once the section ends. Decoding is incremental (multi-byte characters may straddle chunks) and
// lenient: invalid UTF-8 becomes U+FFFD instead of failing the whole report.
import { ReportReadError } from './errors.js';
import { jsonPathAt } from './json-path.js';

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
      throw this.syntaxError(text, error);
    }
  }

  private syntaxError(text: string, error: unknown): ReportReadError {
    const message = error instanceof Error ? error.message : '';
    const match = /at position (\d+)/.exec(message);
    const position = match === null ? undefined : Number(match[1]);
    // V8 counts UTF-16 units; convert back to bytes. Without a position, point at the section.
    const offset =
      this.start +
      (position === undefined ? 0 : Buffer.byteLength(text.slice(0, position), 'utf8'));
    const path = position === undefined ? this.name : jsonPathAt(this.name, text, position);
    const reason = shortReason(message);
    return new ReportReadError(
      `report is not valid JSON: ${reason} at byte ${offset} inside ${JSON.stringify(path)}`,
      { code: 'REPORT_INVALID_JSON', offset, path, cause: error },
    );
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

/** V8's reason without its position or the quoted input: one printable line, no report data. */
function shortReason(message: string): string {
  const reason = (message.split(/ in JSON| is not valid JSON|, "/)[0] ?? '').replace(
    /[^\x20-\x7e]/g,
    '?',
  );
  if (reason.length === 0 || reason.length > 80) {
    return 'syntax error';
  }
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}
