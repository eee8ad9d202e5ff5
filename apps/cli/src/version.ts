import { readFileSync } from 'node:fs';

/** The product version, read from the CLI's package.json (one level above src/ and dist/). */
export function productVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
