// Report reading benchmark: the streaming reader against readFile + JSON.parse on generated,
// behaviour-heavy reports. Every measurement runs in its own child process so peak RSS is its own.
// Run from the repo root: npx tsx bench/report-reading.ts
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateReport } from './report-reading/generate-report.js';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const HERE = fileURLToPath(new URL('./report-reading/', import.meta.url));
const RUNS = 3;
const MiB = 1024 * 1024;

interface Sample {
  ok: boolean;
  ms: number;
  cpuMs: number;
  bytes: number;
  maxRssBytes: number;
  error?: string;
}

interface Figures {
  label: string;
  /** Wall-clock throughput. */
  mbPerSecond: number;
  /** Throughput per second of CPU time (user + system, all threads): robust to a busy machine. */
  mbPerCpuSecond: number;
  peakRssMiB: number;
  failures: string[];
}

/** Runs one measurement script in a fresh node process and returns what it printed. */
async function measure(script: string, path: string): Promise<Sample> {
  const args = ['--conditions=source', '--import', 'tsx', `${HERE}${script}`, path];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0 || stdout === '') {
    const reason =
      stderr.split('\n').find(line => /Error|heap/.test(line)) ?? `exit code ${String(code)}`;
    return { ok: false, ms: 0, cpuMs: 0, bytes: 0, maxRssBytes: 0, error: reason.trim() };
  }
  return JSON.parse(stdout) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function series(label: string, script: string, path: string): Promise<Figures> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    samples.push(await measure(script, path));
  }
  const good = samples.filter(s => s.ok);
  const rate = (pick: (s: Sample) => number): number =>
    good.length ? median(good.map(s => s.bytes / 1e6 / (pick(s) / 1000))) : Number.NaN;
  const figures: Figures = {
    label,
    mbPerSecond: rate(s => s.ms),
    mbPerCpuSecond: rate(s => s.cpuMs),
    peakRssMiB: good.length ? median(good.map(s => s.maxRssBytes / MiB)) : Number.NaN,
    failures: samples.filter(s => !s.ok).map(s => s.error ?? 'network section missing'),
  };
  console.log(format(figures));
  return figures;
}

function format(f: Figures): string {
  const number = (value: number, width: number): string =>
    (Number.isFinite(value) ? value.toFixed(0) : '-').padStart(width);
  const failed = f.failures.length
    ? `  FAILED ${f.failures.length}/${RUNS}: ${f.failures[0] ?? ''}`
    : '';
  return (
    `${f.label.padEnd(32)} ${number(f.mbPerSecond, 6)} MB/s  ${number(f.mbPerCpuSecond, 6)} MB/CPU-s` +
    `  peak RSS ${number(f.peakRssMiB, 5)} MiB${failed}`
  );
}

const load = (): string =>
  loadavg()
    .map(value => value.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const big = `${OUT}report-1gib.json`;
  const mid = `${OUT}report-400mb.json`;
  try {
    console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
    const bigBytes = await generateReport(big, 1024 * MiB);
    const midBytes = await generateReport(mid, 400e6);
    console.log(`generated ${bigBytes} and ${midBytes} bytes (network after behavior)`);
    console.log(`medians of ${RUNS} runs, each in its own process:`);
    const base = await series('runtime baseline (node + tsx)', 'baseline.ts', '');
    const readerBig = await series('streaming reader, 1 GiB', 'measure-reader.ts', big);
    const readerMid = await series('streaming reader, 400 MB', 'measure-reader.ts', mid);
    const naiveMid = await series('readFile + JSON.parse, 400 MB', 'measure-naive.ts', mid);
    console.log(
      `400 MB, reader vs naive: ${(readerMid.mbPerSecond / naiveMid.mbPerSecond).toFixed(1)}x the throughput, ` +
        `${(naiveMid.peakRssMiB / readerMid.peakRssMiB).toFixed(1)}x less peak RSS`,
    );
    console.log(
      `reader at 1 GiB above the runtime baseline: ${(readerBig.peakRssMiB - base.peakRssMiB).toFixed(0)} MiB`,
    );
    console.log(`load average at the end ${load()}`);
  } finally {
    await rm(OUT, { recursive: true, force: true });
  }
}

await main();
