// Child process: reads one report with the streaming reader and prints throughput and peak RSS.
import { readReport } from '@cuckoo-tc/cuckoo';

const path = process.argv[2] ?? '';
const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await readReport(path);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const network = result.sections.network as { hosts?: unknown[] } | undefined;
process.stdout.write(
  JSON.stringify({
    ok: network?.hosts !== undefined,
    ms,
    cpuMs,
    bytes: result.bytesRead,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
