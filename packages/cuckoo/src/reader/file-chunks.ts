// Reads a report file into a small ring of reused buffers with several reads in flight, so disk
// reads overlap with scanning and memory stays a few MiB whatever the file size. The consumer must
// be done with a chunk before asking for the next one (the reader never keeps chunk references).
import { open } from 'node:fs/promises';

/** Size of each read. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
/** Buffers in the ring: one being scanned, the others being filled. */
const RING = 4;

interface PendingRead {
  buffer: Buffer;
  read: Promise<number>;
}

/** Yields the file's bytes in order as views of reused buffers. */
export async function* readFileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  const pending: PendingRead[] = [];
  let position = 0;
  let eof = false;
  const issue = (buffer: Buffer): void => {
    const read = handle.read(buffer, 0, buffer.length, position).then(r => r.bytesRead);
    read.catch(() => undefined); // observed by the consumer; silence it if iteration stops first
    pending.push({ buffer, read });
    position += buffer.length;
  };
  try {
    for (let k = 0; k < RING; k++) {
      issue(Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES));
    }
    while (!eof) {
      const head = pending.shift();
      if (head === undefined) {
        return;
      }
      const bytesRead = await head.read;
      if (bytesRead === 0) {
        return;
      }
      eof = bytesRead < head.buffer.length;
      yield head.buffer.subarray(0, bytesRead);
      issue(head.buffer);
    }
  } finally {
    await Promise.allSettled(pending.map(p => p.read));
    await handle.close();
  }
}
