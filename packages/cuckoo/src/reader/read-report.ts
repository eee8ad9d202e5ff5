// Entry point of the streaming reader: pulls chunks from the source, enforces the size limits and
// the abort signal, and lets the ReportScanner do the work.
import { asBuffer, openSource, unreadable, type ReportSource } from './byte-source.js';
import { ReportReadError, isReportReadError } from './errors.js';
import { ReportScanner } from './report-scanner.js';
import { DEFAULT_SECTIONS, type ReportSections, type SectionName } from './sections.js';

/** Options of {@link readReport}. */
export interface ReadReportOptions {
  /** Top-level sections to keep; defaults to {@link DEFAULT_SECTIONS}. */
  sections?: readonly SectionName[];
  /** Also keep `dropped` (the list of dropped files can be long). */
  includeDropped?: boolean;
  /** Largest single kept section in bytes; default 256 MiB. */
  maxSectionBytes?: number;
  /** Largest whole report in bytes; default 8 GiB. */
  maxReportBytes?: number;
  /** Stops reading; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Default cap for one kept section. */
export const DEFAULT_MAX_SECTION_BYTES = 256 * 1024 * 1024;
/** Default cap for a whole report. */
export const DEFAULT_MAX_REPORT_BYTES = 8 * 1024 * 1024 * 1024;

/**
 * Streams a Cuckoo/CAPE report.json and returns only the kept top-level sections, skipping the rest
 * at byte speed with flat memory; throws {@link ReportReadError} for a bad or unreadable document.
 */
export async function readReport(
  source: ReportSource,
  options: ReadReportOptions = {},
): Promise<ReportSections> {
  const keep = new Set<string>(options.sections ?? DEFAULT_SECTIONS);
  if (options.includeDropped === true) {
    keep.add('dropped');
  }
  const maxReportBytes = options.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const scanner = new ReportScanner({
    keep,
    maxSectionBytes: options.maxSectionBytes ?? DEFAULT_MAX_SECTION_BYTES,
  });
  const { signal } = options;
  signal?.throwIfAborted();
  let bytesRead = 0;
  const chunks = openSource(source, signal)[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const step = await nextChunk(chunks, { signal, bytesRead, source });
      if (step.done === true) {
        finished = true;
        break;
      }
      signal?.throwIfAborted();
      const buf = asBuffer(step.value);
      if (buf.length === 0) {
        continue;
      }
      if (bytesRead + buf.length > maxReportBytes) {
        throw tooLarge(maxReportBytes);
      }
      bytesRead += buf.length;
      scanner.push(buf);
    }
  } finally {
    if (!finished) {
      // Stop the source early (closes the file or destroys the stream); its own failure is moot now.
      await chunks.return?.().catch(() => undefined);
    }
  }
  return scanner.end();
}

interface PullContext {
  signal: AbortSignal | undefined;
  bytesRead: number;
  source: ReportSource;
}

/** Pulls the next chunk; a failure of the source itself becomes REPORT_UNREADABLE (or the abort reason). */
async function nextChunk(
  chunks: AsyncIterator<Uint8Array | string>,
  context: PullContext,
): Promise<IteratorResult<Uint8Array | string>> {
  try {
    return await chunks.next();
  } catch (error) {
    if (context.signal?.aborted === true) {
      throw context.signal.reason;
    }
    throw isReportReadError(error) ? error : unreadable(error, context.bytesRead, context.source);
  }
}

function tooLarge(maxReportBytes: number): ReportReadError {
  return new ReportReadError(
    `report is too large: more than ${maxReportBytes} bytes (limit reached at byte ${maxReportBytes})`,
    {
      code: 'REPORT_TOO_LARGE',
      offset: maxReportBytes,
    },
  );
}
