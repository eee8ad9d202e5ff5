// Small, varied, valid reports of our own in a Cuckoo storage layout
// (`<root>/storage/analyses/<id>/reports/report.json`): Cuckoo 1.2, 2.0 and CAPE shapes, file and
// URL tasks, 0..6 public addresses from the documentation ranges (some recurring across analyses),
// hosts, URLs and sandbox-internal noise that the filters drop. Deterministic for a given seed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One generated analysis. */
export interface GeneratedReport {
  taskId: number;
  /** `.../storage/analyses/<id>` */
  dir: string;
  /** `.../reports/report.json` */
  file: string;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, length: number): string =>
  n
    .toString(16)
    .padStart(8, '0')
    .repeat(Math.ceil(length / 8))
    .slice(0, length);

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** A public address from a documentation range; a small pool so addresses recur. */
function address(random: () => number): string {
  return `${pick(random, ['198.51.100', '203.0.113'])}.${1 + Math.floor(random() * 40)}`;
}

function fileTarget(taskId: number, random: () => number): Record<string, unknown> {
  // Every tenth analysis shares its sample with another: the same File indicator twice.
  const sample = taskId % 10 === 0 ? 1 : taskId;
  return {
    category: 'file',
    file: {
      name: pick(random, ['invoice.exe', 'loader.js', 'report.docm', 'setup (1).msi']),
      size: 1000 + sample,
      md5: hex(sample * 7919 + 1, 32),
      sha1: hex(sample * 7919 + 2, 40),
      sha256: hex(sample * 7919 + 3, 64),
    },
  };
}

/** The JSON object of one generated report. */
export function goodReport(taskId: number, random: () => number): Record<string, unknown> {
  const flavour = pick(random, ['1.2', '2.0.7', '2.4-CAPE'] as const);
  const urlTask = random() < 0.15;
  const addresses = [
    ...new Set(Array.from({ length: Math.floor(random() * 7) }, () => address(random))),
  ];
  const host = `t${taskId}.example.com`;
  const shared = `shared${taskId % 7}.example.net`;
  const urls = Array.from(
    { length: Math.floor(random() * 3) },
    (_, k) => `http://${host}/p${k}.php?id=${taskId}`,
  );
  const hosts =
    flavour === '2.4-CAPE'
      ? [...addresses, '192.168.56.1'].map(ip => ({ ip, hostname: '', country_name: '' }))
      : [...addresses, '192.168.56.101'];
  return {
    info: {
      id: taskId,
      version: flavour,
      started: `2024-0${1 + (taskId % 9)}-1${taskId % 10} 10:00:00`,
      category: urlTask ? 'url' : 'file',
    },
    target: urlTask
      ? { category: 'url', url: `http://landing${taskId}.example.org/index.html` }
      : fileTarget(taskId, random),
    behavior: { processes: [{ process_name: 'x.exe', calls: [{ api: 'NtCreateFile' }] }] },
    network: {
      hosts,
      domains: [
        { domain: host, ip: addresses[0] ?? '198.51.100.250' },
        { domain: shared, ip: '203.0.113.250' },
      ],
      dns: [{ request: host, type: 'A', answers: [{ type: 'A', data: addresses[0] ?? '' }] }],
      http: urls.map(uri => ({ host, port: 80, uri, method: 'GET' })),
      udp: [{ src: '192.168.56.101', dst: '192.168.56.1', sport: 53000, dport: 53 }],
    },
  };
}

/** Writes `count` reports for task ids `firstTaskId...` under `root`. */
export async function writeGoodReports(
  root: string,
  firstTaskId: number,
  count: number,
  seed: number,
): Promise<GeneratedReport[]> {
  const random = seededRandom(seed);
  const out: GeneratedReport[] = [];
  for (let k = 0; k < count; k++) {
    const taskId = firstTaskId + k;
    const dir = path.join(root, 'storage', 'analyses', String(taskId));
    const file = path.join(dir, 'reports', 'report.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(goodReport(taskId, random)));
    out.push({ taskId, dir, file });
  }
  return out;
}
