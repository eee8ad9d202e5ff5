// Optional persistence: load at start, save (debounced) after changes and on close, written
// to a temporary file and renamed so a crash never leaves half a file.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { StoreSnapshot } from './store/records.js';

/** The state file of one emulator. */
export interface StateFile {
  load(): Promise<StoreSnapshot | null>;
  schedule(): void;
  flush(): Promise<void>;
}

function isSnapshot(value: unknown): value is StoreSnapshot {
  const v = value as Partial<StoreSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    Array.isArray(v.groups) &&
    Array.isArray(v.indicators) &&
    typeof v.nextIds === 'object'
  );
}

/** Reads a saved state; null when the file does not exist, an error when it is not a state. */
export async function loadStateFile(path: string): Promise<StoreSnapshot | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`emulator state file ${path} is not JSON`, { cause: error });
  }
  if (!isSnapshot(parsed)) {
    throw new Error(`emulator state file ${path} is not a version 1 state`);
  }
  return parsed;
}

/** Creates the saver for `path`; `snapshot` is read at write time. */
export function createStateFile(
  path: string,
  delayMs: number,
  snapshot: () => StoreSnapshot,
  onError: (error: Error) => void,
): StateFile {
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    const text = JSON.stringify(snapshot());
    writing = writing
      .then(async () => {
        await writeFile(`${path}.tmp`, text, 'utf8');
        await rename(`${path}.tmp`, path);
      })
      .catch((error: unknown) =>
        onError(error instanceof Error ? error : new Error(String(error))),
      );
    return writing;
  };
  return {
    load: () => loadStateFile(path),
    schedule() {
      timer ??= setTimeout(() => {
        timer = null;
        void write();
      }, delayMs);
      timer.unref();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await write();
    },
  };
}
