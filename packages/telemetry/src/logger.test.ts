import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map(line => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with name, level word, time, and bound ids', () => {
    const out = capture();
    const logger = createLogger({ name: 'worker', destination: out.stream });
    logger.child({ analysisId: 42, jobId: 'parse-lab-42' }).info({ indicators: 3 }, 'parsed');
    const [line] = out.lines();
    expect(line).toMatchObject({
      name: 'worker',
      level: 'info',
      analysisId: 42,
      jobId: 'parse-lab-42',
      indicators: 3,
      msg: 'parsed',
    });
    expect(typeof line?.time).toBe('string');
  });

  it('never writes secrets, wherever they sit in a logged object', () => {
    const out = capture();
    const logger = createLogger({ name: 'cli', destination: out.stream });
    logger.info(
      {
        config: {
          threatconnect: { secretKey: 'S1', apiToken: 'S2' },
          dashboard: { password: 'S3', token: 'S4' },
        },
        headers: { authorization: 'TC id:S5' },
      },
      'starting',
    );
    const text = JSON.stringify(out.lines());
    for (const secret of ['S1', 'S2', 'S3', 'S4', 'S5']) {
      expect(text).not.toContain(`"${secret}"`);
      expect(text).not.toContain(`:${secret}`);
    }
    expect(text).toContain('[redacted]');
  });

  it('respects the level', () => {
    const out = capture();
    createLogger({ name: 'x', level: 'warn', destination: out.stream }).info('hidden');
    expect(out.lines).toThrow();
  });
});
