// Turns whatever the caller has (a path, a Node stream, any async iterable of bytes) into one
// async iterable of Buffers. Files are read in 1 MiB chunks: fewer, bigger chunks keep the
// per-chunk overhead of the scanner negligible.
import { Readable, addAbortSignal } from 'node:stream';
import { ReportReadError } from './errors.js';
import { FILE_CHUNK_BYTES, readFileChunks } from './file-chunks.js';

/** Bytes a report can be read from: a file path, a readable stream or an async iterable of chunks. */
export type ReportSource =
  string | NodeJS.ReadableStream | Readable | AsyncIterable<Uint8Array | string>;

/** Opens `source` as chunks; the caller ends iteration (and so closes the stream) on error. */
export function openSource(
  source: ReportSource,
  signal: AbortSignal | undefined,
): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string') {
    // The caller checks the signal between chunks; a file read never waits long.
    return readFileChunks(source);
  }
  if (source instanceof Readable) {
    return signal ? addAbortSignal(signal, source) : source;
  }
  if (isAsyncIterable(source)) {
    return source;
  }
  // An old-style stream without async iteration: wrap it in a modern Readable.
  const wrapped = new Readable({ highWaterMark: FILE_CHUNK_BYTES }).wrap(source);
  return signal ? addAbortSignal(signal, wrapped) : wrapped;
}

/** A chunk as a Buffer over the same memory, so the scanner always sees one array type. */
export function asBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, 'utf8');
  }
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Wraps a failure of the underlying file or stream. */
export function unreadable(error: unknown, offset: number, source: ReportSource): ReportReadError {
  const what = typeof source === 'string' ? 'report file' : 'report stream';
  const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
  return new ReportReadError(`${what} could not be read at byte ${offset}${code}`, {
    code: 'REPORT_UNREADABLE',
    offset,
    cause: error,
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
