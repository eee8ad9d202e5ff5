// Writes a synthetic, behaviour-heavy Cuckoo report of roughly the requested size, streamed so the
// generator itself stays small. The shape follows Cuckoo 2.0 reports: info, target, a huge
// behavior.processes[].calls array, then network and signatures AFTER the padding, so a reader that
// stops early or mis-skips misses them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The sections a correct reader must return from a generated report. */
export const GENERATED_NETWORK = {
  hosts: ['198.51.100.88', '203.0.113.9'],
  domains: [{ domain: 'big.example.org', ip: '198.51.100.88' }],
  dns: [{ request: 'big.example.org', type: 'A', answers: [{ type: 'A', data: '198.51.100.88' }] }],
  http: [
    { host: 'big.example.org', uri: 'http://big.example.org/gate.php', method: 'POST', port: 80 },
  ],
};

const HEAD = {
  info: {
    id: 4242,
    version: '2.0.7',
    started: '2024-05-06 10:11:12',
    ended: '2024-05-06 10:15:40',
  },
  target: {
    category: 'file',
    file: {
      name: 'sample.exe',
      size: 73728,
      sha256: 'e601b69ffbdedd0ffcedc335065792a25c5517e8aaeb93a9e46bee40394650cb',
    },
  },
};

const APIS = [
  ['NtReadFile', 'file'],
  ['RegOpenKeyExW', 'registry'],
  ['LdrGetProcedureAddress', 'system'],
  ['NtAllocateVirtualMemory', 'process'],
  ['InternetOpenUrlA', 'network'],
  ['NtCreateFile', 'file'],
] as const;

/** One API call record; arguments vary in length and use escapes like real monitor output. */
function call(n: number): string {
  const [api, category] = APIS[n % APIS.length] ?? APIS[0];
  const time = `2024-05-06 10:1${n % 6}:${String(n % 60).padStart(2, '0')},${String(n % 1000).padStart(3, '0')}`;
  const args =
    n % 3 === 0
      ? {
          file_handle: `0x${(n & 0xffff).toString(16).padStart(8, '0')}`,
          buffer:
            'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA4fug4AtAnNIbgBTM0hVGhpcyBwcm9ncmFtIGNhbm5vdCBiZSBydW4gaW4gRE9TIG1vZGUuDQ0KJAAAAAAAAAA='.repeat(
              1 + (n % 4),
            ),
          length: 4096,
          offset: n * 16,
        }
      : n % 3 === 1
        ? {
            regkey: `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\item${n % 97}`,
            access: 131097,
            options: 0,
            value: 'C:\\Users\\admin\\AppData\\Roaming\\x "quoted" \u00e9t\u00e9',
          }
        : {
            module_name: 'kernel32',
            function_name: 'GetProcAddress',
            module_address: '0x7c800000',
            ordinal: n % 50,
            function_address: '0x7c80ae30',
          };
  return JSON.stringify(
    {
      timestamp: time,
      thread_id: String(2900 + (n % 7)),
      caller: '0x00401a3c',
      parentcaller: '0x7c817077',
      category,
      api,
      status: n % 5 !== 0,
      return: n % 5 === 0 ? '0xc0000034' : '0x00000000',
      arguments: args,
      repeated: 0,
      id: n,
    },
    null,
    4,
  ).replaceAll('\n', CALL_INDENT);
}

/** Cuckoo and CAPE dump with indent=4; calls sit five levels deep. */
const CALL_INDENT = `\n${' '.repeat(20)}`;

/** Writes the report to `path` until it reaches about `targetBytes`; resolves with the size written. */
export async function generateReport(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let written = 0;
  const write = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) {
      await once(out, 'drain');
    }
  };
  const sample = Array.from({ length: 600 }, (_, n) => call(n));
  await write(
    `${JSON.stringify(HEAD).slice(0, -1)}, "behavior": {"processes": [{"process_name": "sample.exe", "pid": 2920, "calls": [`,
  );
  let batch = 0;
  while (written < targetBytes - 4096) {
    const prefix = batch === 0 ? '' : ',\n';
    await write(
      prefix +
        sample
          .map((s, n) => s.replace(`"id": ${n}`, `"id": ${batch * 600 + n}`))
          .join(`,${CALL_INDENT}`),
    );
    batch++;
  }
  await write(
    `]}], "summary": {"files": ["C:\\\\x.dll"]}}, "network": ${JSON.stringify(GENERATED_NETWORK)}, "signatures": [{"name": "network_http", "severity": 2}]}\n`,
  );
  out.end();
  await once(out, 'finish');
  return written;
}
