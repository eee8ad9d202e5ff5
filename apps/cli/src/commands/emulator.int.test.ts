import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

const bin = fileURLToPath(new URL('../../bin/cuckoo-tc.js', import.meta.url));

describe('cuckoo-tc emulator', () => {
  it('serves the API in its own process until SIGTERM, and says how to reach it', async () => {
    const child = spawn(process.execPath, [bin, 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening at (http:\/\/\S+)\/api/.exec(out);
        if (match?.[1]) {
          resolve(match[1]);
        }
      });
      child.once('exit', code => reject(new Error(`emulator exited early with ${code}: ${out}`)));
    });
    const state = await fetch(`${url}/_emulator/state`);
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ groups: [], indicators: [] });
    expect(out).toContain('TC_ACCESS_ID=emulator-access-id');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('rejects a bad port and unknown options as usage errors', async () => {
    const run = await runCliForTest(['emulator', '--port', 'http']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be 0..65535');
    expect((await runCliForTest(['emulator', '--frob'])).code).toBe(2);
  });
});
