// Child process: the naive way (readFile + JSON.parse of the whole report), for comparison.
import { readFile, stat } from 'node:fs/promises';

const path = process.argv[2] ?? '';
const { size } = await stat(path);
const started = performance.now();
const cpuBefore = process.cpuUsage();
let ok = false;
let error: string | undefined;
try {
  const report = JSON.parse(await readFile(path, 'utf8')) as { network?: { hosts?: unknown[] } };
  ok = report.network?.hosts !== undefined;
} catch (caught) {
  error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
  JSON.stringify({
    ok,
    ms,
    cpuMs,
    bytes: size,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    error,
  }),
);
