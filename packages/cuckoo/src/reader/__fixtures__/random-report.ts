// Seeded generator of random report-like JSON for chunk-boundary tests: deep nesting, strings full
// of quotes, backslash runs, brackets and multi-byte characters, pretty-printed or compact.

/** Small deterministic PRNG (mulberry32) so a failing seed can be replayed. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['"', '\\', '\\\\', '{', '}', '[', ']', ',', ':', 'é', '日本', '😀', ' ', 'abc', '\n', '\udc8f', '\u0000', '/'];
const KEYS = ['info', 'target', 'network', 'behavior', 'static', 'signatures', 'malfamily', 'dropped', 'debug', 'url_analysis'];

function randomString(rand: () => number): string {
  let s = '';
  const parts = Math.floor(rand() * 12);
  for (let k = 0; k < parts; k++) {
    s += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  }
  return s;
}

function randomValue(rand: () => number, depth: number): unknown {
  const pick = rand();
  if (depth > 6 || pick < 0.35) {
    const scalars = [randomString(rand), Math.floor(rand() * 1e6) - 5e5, rand() * 1e-3, true, false, null];
    return scalars[Math.floor(rand() * scalars.length)];
  }
  if (pick < 0.65) {
    return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth + 1));
  }
  const entries = Array.from({ length: Math.floor(rand() * 5) }, () => [randomString(rand), randomValue(rand, depth + 1)]);
  return Object.fromEntries(entries);
}

/** A random report object whose keys mix kept and skipped sections. */
export function randomReport(seed: number): { text: string; value: Record<string, unknown> } {
  const rand = createRandom(seed);
  const value: Record<string, unknown> = {};
  for (const key of KEYS) {
    if (rand() < 0.7) {
      value[key] = randomValue(rand, 0);
    }
  }
  const indent = [0, 1, 4, '\t'][Math.floor(rand() * 4)];
  return { text: JSON.stringify(value, null, indent), value };
}
