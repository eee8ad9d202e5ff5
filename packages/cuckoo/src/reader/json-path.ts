// Error messages for a kept section are more useful with the place inside it (`network.hosts[3]`).
// Only used after JSON.parse has failed, so a simple character walk up to the error is fine.

interface Level {
  /** Array index, or -1 inside an object. */
  index: number;
  key: string | undefined;
}

/** Best-effort path of the value at `position` in `text`, below `root` (e.g. `network.dns[2].request`). */
export function jsonPathAt(root: string, text: string, position: number): string {
  const levels: Level[] = [];
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let expectKey = false;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === '"') {
        inString = false;
        const top = levels.at(-1);
        if (expectKey && top !== undefined) {
          top.key = text.slice(stringStart, i);
        }
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (ch === '{' || ch === '[') {
      levels.push({ index: ch === '[' ? 0 : -1, key: undefined });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      levels.pop();
      expectKey = false;
    } else if (ch === ',') {
      const top = levels.at(-1);
      if (top !== undefined && top.index >= 0) {
        top.index++;
      } else if (top !== undefined) {
        top.key = undefined;
        expectKey = true;
      }
    } else if (ch === ':') {
      expectKey = false;
    }
  }
  return root + levels.map(formatLevel).join('');
}

function formatLevel(level: Level): string {
  if (level.index >= 0) {
    return `[${level.index}]`;
  }
  return level.key === undefined
    ? ''
    : /^[A-Za-z_$][\w$]*$/.test(level.key)
      ? `.${level.key}`
      : `[${JSON.stringify(level.key)}]`;
}
