// Child-process side of the BUG-25 integration test: reads one report with the streaming reader and
// prints what came through plus this process's peak RSS, so memory is measured in isolation.
import { readReport } from '../read-report.js';

const path = process.argv[2];
if (path === undefined) {
  throw new Error('usage: read-in-child.ts <report.json>');
}
const result = await readReport(path);
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ ...result, maxRssBytes }));
