// Test helpers: feed bytes to the reader in chunks of a chosen size. Each chunk is a fresh copy, so
// small ones land at unaligned offsets in Node's buffer pool, like chunks of a real socket.
import { readReport, type ReadReportOptions } from '../read-report.js';
import type { ReportSections } from '../sections.js';

/** Chunk sizes every document is fed in: single bytes, an odd small size, and a typical socket read. */
export const CHUNK_SIZES = [1, 7, 64 * 1024] as const;

/** Yields `bytes` as separate Buffers of at most `size` bytes. */
export async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield Buffer.from(bytes.subarray(offset, offset + size));
  }
}

/** What a read produced: the sections or the error's code, offset and path. */
export type Outcome =
  | { ok: true; result: ReportSections }
  | { ok: false; code: unknown; offset: unknown; path: unknown; message: string };

/** Reads `input` in chunks of `size` and captures the outcome, so results can be compared. */
export async function outcome(input: string | Uint8Array, size: number, options?: ReadReportOptions): Promise<Outcome> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  try {
    return { ok: true, result: await readReport(inChunks(bytes, size), options) };
  } catch (error) {
    const e = error as { code?: unknown; offset?: unknown; path?: unknown; message?: unknown };
    return { ok: false, code: e.code, offset: e.offset, path: e.path, message: String(e.message) };
  }
}

/** Reads `input` whole (one chunk) and returns the error it throws, failing when it does not. */
export async function errorOf(input: string | Uint8Array, options?: ReadReportOptions): Promise<Outcome & { ok: false }> {
  const result = await outcome(input, Number.MAX_SAFE_INTEGER, options);
  if (result.ok) {
    throw new Error(`expected a read error for ${JSON.stringify(String(input).slice(0, 80))}`);
  }
  return result;
}
