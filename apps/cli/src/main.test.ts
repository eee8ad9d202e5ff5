import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCliForTest } from './run-cli-for-test.js';

describe('cuckoo-tc', () => {
  it('--help lists the commands and exits 0; no command prints help and exits 2', async () => {
    const help = await runCliForTest(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cuckoo-tc <command>');
    expect(help.stdout).toContain('config');
    expect((await runCliForTest([])).code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const run = await runCliForTest(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('an unknown command is a usage error on one line', async () => {
    const run = await runCliForTest(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("cuckoo-tc: unknown command 'frobnicate' (see cuckoo-tc --help)\n");
  });

  it('an unknown option is a usage error naming the command', async () => {
    const run = await runCliForTest(['config', 'print', '--frob']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cuckoo-tc config: Unknown option '--frob'/);
  });

  it('a command --help prints its usage', async () => {
    const run = await runCliForTest(['config', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cuckoo-tc config print');
  });
});

describe('cuckoo-tc config print', () => {
  it('prints the effective configuration with secrets masked', async () => {
    const run = await runCliForTest(['config', 'print', '--json'], {
      TC_SECRET_KEY: 'very-secret',
      TC_OWNER: 'Lab',
    });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { threatconnect: Record<string, unknown> };
    expect(printed.threatconnect.secretKey).toBe('********');
    expect(printed.threatconnect.owner).toBe('Lab');
    expect(run.stdout).not.toContain('very-secret');
  });

  it('prints YAML by default and origins on request', async () => {
    const run = await runCliForTest(['config', 'print', '--origins', '--instance', 'lab-1']);
    expect(run.stdout).toContain('instance: lab-1');
    expect(run.stdout).toContain('cuckoo.instance: argument --instance');
  });

  it('exits 2 with one line naming key and source on a bad value', async () => {
    const run = await runCliForTest(['config', 'print'], { TC_API_URL: 'nope' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cuckoo-tc config: threatconnect.apiUrl (from environment variable TC_API_URL): must be an http(s) URL: value was "nope"\n',
    );
  });

  it('rejects anything but "config print"', async () => {
    expect((await runCliForTest(['config'])).code).toBe(2);
    expect((await runCliForTest(['config', 'show'])).stderr).toContain("expected 'config print'");
  });
});

describe('the built binary', () => {
  it('runs as `cuckoo-tc --version` from the bin script', async () => {
    const bin = fileURLToPath(new URL('../bin/cuckoo-tc.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout).toBe('0.1.0\n');
  });
});
