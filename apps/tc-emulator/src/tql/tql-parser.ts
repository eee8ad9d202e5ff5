// A small TQL parser: comparisons, AND/OR/NOT, parentheses, IN lists and has*(...) functions.
// Keywords are case-insensitive; strings use double quotes with backslash escapes.
import { badRequest } from '../http/api-error.js';

/** Comparison operators, normalised (`=` is EQ, `!=` is NE, ...). */
export type TqlOperator =
  | 'EQ'
  | 'NE'
  | 'GT'
  | 'LT'
  | 'GEQ'
  | 'LEQ'
  | 'IN'
  | 'NOT IN'
  | 'CONTAINS'
  | 'STARTSWITH'
  | 'ENDSWITH';

/** A literal: string, number, or a list for IN. */
export type TqlValue = string | number | (string | number)[];

/** A parsed TQL expression. */
export type TqlExpr =
  | { kind: 'and' | 'or'; items: TqlExpr[] }
  | { kind: 'not'; item: TqlExpr }
  | { kind: 'cmp'; field: string; op: TqlOperator; value: TqlValue }
  | { kind: 'fn'; name: string; inner: TqlExpr };

type Token = { t: 'word' | 'str' | 'num' | 'sym'; v: string };

const SYMBOLS = ['<=', '>=', '!=', '=', '<', '>', '(', ')', ','];
const ALIASES: Record<string, TqlOperator> = {
  '=': 'EQ',
  '!=': 'NE',
  '<': 'LT',
  '>': 'GT',
  '<=': 'LEQ',
  '>=': 'GEQ',
};
const WORD_OPS = ['EQ', 'NE', 'GT', 'LT', 'GEQ', 'LEQ', 'IN', 'CONTAINS', 'STARTSWITH', 'ENDSWITH'];

/** The 400 every TQL problem becomes. */
export function tqlError(detail: string): Error {
  return badRequest(`Invalid TQL: ${detail}`);
}

function readString(src: string, start: number): [string, number] {
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      out += src[++i] ?? '';
    } else if (c === '"') {
      return [out, i + 1];
    } else {
      out += c;
    }
  }
  throw tqlError('unterminated string');
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const space = /^\s+/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    const sym = SYMBOLS.find(s => rest.startsWith(s));
    if (space) {
      i += space[0].length;
    } else if (rest.startsWith('"')) {
      const [value, next] = readString(src, i);
      tokens.push({ t: 'str', v: value });
      i = next;
    } else if (word || num || sym) {
      const v = (word?.[0] ?? num?.[0] ?? sym) as string;
      tokens.push({ t: word ? 'word' : num ? 'num' : 'sym', v });
      i += v.length;
    } else {
      throw tqlError(`unexpected character ${JSON.stringify(rest[0])}`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isWord(word: string, offset = 0): boolean {
    const token = this.tokens[this.pos + offset];
    return token?.t === 'word' && token.v.toUpperCase() === word;
  }
  private expect(sym: string): void {
    if (this.peek()?.v !== sym) {
      throw tqlError(`expected ${sym}`);
    }
    this.pos++;
  }

  parseAll(): TqlExpr {
    const expr = this.parseOr();
    if (this.pos < this.tokens.length) {
      throw tqlError(`unexpected ${this.peek()?.v}`);
    }
    return expr;
  }
  private parseOr(): TqlExpr {
    return this.parseList('OR', () => this.parseAnd());
  }
  private parseAnd(): TqlExpr {
    return this.parseList('AND', () => this.parseUnary());
  }
  private parseList(word: 'AND' | 'OR', next: () => TqlExpr): TqlExpr {
    const items = [next()];
    while (this.isWord(word)) {
      this.pos++;
      items.push(next());
    }
    return items.length === 1
      ? (items[0] as TqlExpr)
      : { kind: word === 'AND' ? 'and' : 'or', items };
  }
  private parseUnary(): TqlExpr {
    if (this.isWord('NOT') && !this.isWord('IN', 1)) {
      this.pos++;
      return { kind: 'not', item: this.parseUnary() };
    }
    if (this.peek()?.v === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    const field = this.peek();
    if (field?.t !== 'word') {
      throw tqlError('expected a field name');
    }
    this.pos++;
    if (this.peek()?.v === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.expect(')');
      return { kind: 'fn', name: field.v.toLowerCase(), inner };
    }
    const op = this.parseOperator();
    return { kind: 'cmp', field: field.v.toLowerCase(), op, value: this.parseValue(op) };
  }
  private parseOperator(): TqlOperator {
    const token = this.peek();
    this.pos++;
    if (token?.t === 'sym' && ALIASES[token.v]) {
      return ALIASES[token.v] as TqlOperator;
    }
    const word = token?.t === 'word' ? token.v.toUpperCase() : '';
    if (word === 'NOT' && this.isWord('IN')) {
      this.pos++;
      return 'NOT IN';
    }
    if (!WORD_OPS.includes(word)) {
      throw tqlError(`unknown operator ${token?.v ?? '(end)'}`);
    }
    return word as TqlOperator;
  }
  private parseScalar(): string | number {
    const token = this.peek();
    this.pos++;
    if (token?.t === 'str') {
      return token.v;
    }
    if (token?.t === 'num') {
      return Number(token.v);
    }
    throw tqlError('expected a value');
  }
  private parseValue(op: TqlOperator): TqlValue {
    if (op !== 'IN' && op !== 'NOT IN') {
      return this.parseScalar();
    }
    this.expect('(');
    const list = [this.parseScalar()];
    while (this.peek()?.v === ',') {
      this.pos++;
      list.push(this.parseScalar());
    }
    this.expect(')');
    return list;
  }
}

/** Parses a TQL string; any syntax problem is a 400. */
export function parseTql(source: string): TqlExpr {
  return new Parser(tokenize(source)).parseAll();
}
