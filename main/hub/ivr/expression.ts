/**
 * The tiny expression language of IVR flows (`set`, `condition`, lookup inputs). Flows are data
 * that administrators edit, so nothing here reaches `eval`/`Function`: a tokenizer, a
 * recursive-descent parser to an AST, and an evaluator over plain values.
 *
 *   expr    := or
 *   or      := and ('||' and)*
 *   and     := cmp ('&&' cmp)*
 *   cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
 *   sum     := prod (('+'|'-') prod)*
 *   prod    := unary (('*'|'/'|'%') unary)*
 *   unary   := ('!'|'-') unary | primary
 *   primary := number | 'str' | "str" | true | false | null | name(.name)* | fn '(' args ')' | '(' expr ')'
 *
 * Missing variables read as null. Functions: len, str, num, startsWith, contains, in(x, a, b, …).
 */

export type Value = string | number | boolean | null;

export type Ast =
  | { k: 'lit'; v: Value }
  | { k: 'var'; name: string }
  | { k: 'un'; op: '!' | '-'; a: Ast }
  | { k: 'bin'; op: string; a: Ast; b: Ast }
  | { k: 'call'; fn: string; args: Ast[] };

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

const FUNCTIONS: Readonly<Record<string, (args: Value[]) => Value>> = {
  len: ([a]) => (a === null || a === undefined ? 0 : String(a).length),
  str: ([a]) => (a === null || a === undefined ? '' : String(a)),
  num: ([a]) => {
    const n = Number(a);
    return Number.isFinite(n) ? n : null;
  },
  startsWith: ([a, b]) => String(a ?? '').startsWith(String(b ?? '')),
  contains: ([a, b]) => String(a ?? '').includes(String(b ?? '')),
  in: ([a, ...rest]) => rest.some((r) => r === a),
};

interface Token {
  t: 'num' | 'str' | 'id' | 'op' | 'end';
  v: string;
  at: number;
}

const OPS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`unterminated string at ${i}`);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected "${c}" at ${i}`);
    out.push({ t: 'op', v: op, at: i });
    i += op.length;
  }
  out.push({ t: 'end', v: '', at: src.length });
  return out;
}

/** Parses an expression; throws ExpressionError with the position of the problem. */
export function parseExpression(src: string): Ast {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token => toks[p] as Token;
  const isOp = (...ops: string[]): boolean => peek().t === 'op' && ops.includes(peek().v);
  const expectOp = (op: string): void => {
    if (!isOp(op)) throw new ExpressionError(`expected "${op}" at ${peek().at}`);
    p++;
  };
  const binary = (next: () => Ast, ops: string[], once = false): (() => Ast) => () => {
    let a = next();
    while (isOp(...ops)) {
      const op = (toks[p++] as Token).v;
      a = { k: 'bin', op, a, b: next() };
      if (once) break;
    }
    return a;
  };
  const primary = (): Ast => {
    const tok = toks[p++] as Token;
    if (tok.t === 'num') return { k: 'lit', v: Number(tok.v) };
    if (tok.t === 'str') return { k: 'lit', v: tok.v };
    if (tok.t === 'id') {
      if (tok.v === 'true' || tok.v === 'false') return { k: 'lit', v: tok.v === 'true' };
      if (tok.v === 'null') return { k: 'lit', v: null };
      if (isOp('(')) {
        if (!Object.hasOwn(FUNCTIONS, tok.v)) throw new ExpressionError(`unknown function "${tok.v}" at ${tok.at}`);
        p++;
        const args: Ast[] = [];
        if (!isOp(')')) {
          args.push(expr());
          while (isOp(',')) {
            p++;
            args.push(expr());
          }
        }
        expectOp(')');
        return { k: 'call', fn: tok.v, args };
      }
      return { k: 'var', name: tok.v };
    }
    if (tok.t === 'op' && tok.v === '(') {
      const e = expr();
      expectOp(')');
      return e;
    }
    throw new ExpressionError(tok.t === 'end' ? 'unexpected end of expression' : `unexpected "${tok.v}" at ${tok.at}`);
  };
  const unary = (): Ast => {
    if (isOp('!', '-')) {
      const op = (toks[p++] as Token).v as '!' | '-';
      return { k: 'un', op, a: unary() };
    }
    return primary();
  };
  const prod = binary(unary, ['*', '/', '%']);
  const sum = binary(prod, ['+', '-']);
  const cmp = binary(sum, ['==', '!=', '<', '<=', '>', '>='], true);
  const and = binary(cmp, ['&&']);
  const expr: () => Ast = binary(and, ['||']);
  const ast = expr();
  if (peek().t !== 'end') throw new ExpressionError(`unexpected "${peek().v}" at ${peek().at}`);
  return ast;
}

/** Variable names an expression reads (for validation and for masking decisions). */
export function variablesOf(ast: Ast, out: Set<string> = new Set()): Set<string> {
  if (ast.k === 'var') out.add(ast.name);
  else if (ast.k === 'un') variablesOf(ast.a, out);
  else if (ast.k === 'bin') {
    variablesOf(ast.a, out);
    variablesOf(ast.b, out);
  } else if (ast.k === 'call') for (const a of ast.args) variablesOf(a, out);
  return out;
}

export function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

/** Evaluates with `lookup` resolving variable names; never throws on data, only on a malformed AST. */
export function evaluate(ast: Ast, lookup: (name: string) => Value): Value {
  switch (ast.k) {
    case 'lit':
      return ast.v;
    case 'var':
      return lookup(ast.name) ?? null;
    case 'un': {
      const a = evaluate(ast.a, lookup);
      if (ast.op === '!') return !truthy(a);
      const n = Number(a);
      return Number.isFinite(n) ? -n : null;
    }
    case 'call':
      return (FUNCTIONS[ast.fn] as (args: Value[]) => Value)(ast.args.map((a) => evaluate(a, lookup)));
    case 'bin': {
      // Short-circuit so `x != null && len(x) > 3` never evaluates the right side needlessly.
      if (ast.op === '&&') return truthy(evaluate(ast.a, lookup)) ? truthy(evaluate(ast.b, lookup)) : false;
      if (ast.op === '||') return truthy(evaluate(ast.a, lookup)) ? true : truthy(evaluate(ast.b, lookup));
      return binaryOp(ast.op, evaluate(ast.a, lookup), evaluate(ast.b, lookup));
    }
  }
}

function binaryOp(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '==':
      return looseEqual(a, b);
    case '!=':
      return !looseEqual(a, b);
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return `${a ?? ''}${b ?? ''}`;
      return arith(a, b, (x, y) => x + y);
    case '-':
      return arith(a, b, (x, y) => x - y);
    case '*':
      return arith(a, b, (x, y) => x * y);
    case '/':
      return arith(a, b, (x, y) => (y === 0 ? Number.NaN : x / y));
    case '%':
      return arith(a, b, (x, y) => (y === 0 ? Number.NaN : x % y));
    default: {
      if (a === null || b === null) return false;
      const [x, y] = typeof a === 'number' || typeof b === 'number' ? [Number(a), Number(b)] : [String(a), String(b)];
      if (op === '<') return x < y;
      if (op === '<=') return x <= y;
      if (op === '>') return x > y;
      return x >= y;
    }
  }
}

/** Digits typed by the caller are strings; `choice == 1` should still match "1". */
function looseEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

function arith(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  const r = f(Number(a), Number(b));
  return Number.isFinite(r) ? r : null;
}
