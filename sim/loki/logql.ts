/**
 * The LogQL subset the sim's Loki answers: a stream selector (= != =~ !~), line filters
 * (|= != |~ !~), `| json` / `| logfmt` with label filters (= != =~ !~) on extracted fields, and
 * the metric forms `count_over_time(<log query>[d])`, `rate(...)`, optionally inside
 * `sum [by|without (labels)] (...)`. Regexes are RE2 written for JS RegExp (leading `(?i)` etc. is
 * turned into flags); selector regexes are anchored as in Loki. Errors read like Loki's.
 */

export type MatchOp = "=" | "!=" | "=~" | "!~";
export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
  test(v: string): boolean;
}
export type LineFilter = { kind: "line"; op: "|=" | "!=" | "|~" | "!~"; test(line: string): boolean };
export type Stage = LineFilter | { kind: "parser"; name: "json" | "logfmt" } | { kind: "label"; matcher: Matcher };

export interface LogQuery {
  selector: Matcher[];
  stages: Stage[];
}
export interface MetricQuery {
  fn: "count_over_time" | "rate";
  rangeMs: number;
  inner: LogQuery;
  agg?: { op: "sum"; by?: string[]; without?: string[] };
}
export type Query = { kind: "log"; log: LogQuery } | { kind: "metric"; metric: MetricQuery };

export class ParseError extends Error {
  constructor(message: string, col: number) {
    super(`parse error at line 1, col ${col}: ${message}`);
  }
}

/** RE2 → JS: leading inline flags become RegExp flags. */
export function re2(src: string, anchored: boolean, col = 1): RegExp {
  let flags = "";
  let body = src;
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    if (m[1]!.includes("i")) flags += "i";
    if (m[1]!.includes("s")) flags += "s";
    if (m[1]!.includes("m")) flags += "m";
  }
  // RE2 spellings JS lacks: named groups (?P<n>…), \A and \z
  body = body.replace(/\(\?P</g, "(?<").replace(/\\A/g, "^").replace(/\\z/g, "$");
  if (/\(\?<?[=!]/.test(body)) throw new ParseError(`error parsing regexp: invalid or unsupported Perl syntax: \`${src}\``, col);
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, flags);
  } catch {
    throw new ParseError(`error parsing regexp: invalid syntax: \`${src}\``, col);
  }
}

type Tok = { t: "str" | "id" | "op" | "punct" | "dur"; v: string; col: number };

const OPS = ["|=", "|~", "!=", "!~", "=~", "=", "|"];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const col = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "`") {
      let v = "";
      let j = i + 1;
      if (c === "`") {
        const end = src.indexOf("`", j);
        if (end < 0) throw new ParseError("literal not terminated", col);
        v = src.slice(j, end);
        j = end + 1;
      } else {
        for (;;) {
          if (j >= src.length) throw new ParseError("literal not terminated", col);
          const ch = src[j]!;
          if (ch === '"') break;
          if (ch === "\\") {
            const e = src[j + 1] ?? "";
            v += ({ n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
            j += 2;
          } else {
            v += ch;
            j++;
          }
        }
        j++;
      }
      out.push({ t: "str", v, col });
      i = j;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(ms|s|m|h|d|w|y)([0-9]+(ms|s|m|h))*/.exec(src.slice(i));
      if (!m) throw new ParseError(`syntax error: unexpected NUMBER`, col);
      out.push({ t: "dur", v: m[0], col });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: "id", v: m[0], col });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        out.push({ t: "op", v: op, col });
        i += op.length;
      } else if ("{}(),[]".includes(c)) {
        out.push({ t: "punct", v: c, col });
        i++;
      } else {
        throw new ParseError(`syntax error: unexpected character '${c}'`, col);
      }
    }
  }
  return out;
}

const DUR_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
export function parseDurationMs(d: string): number {
  let total = 0;
  for (const m of d.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * DUR_MS[m[2]!]!;
  return total;
}

function makeMatcher(label: string, op: MatchOp, value: string, col: number): Matcher {
  if (op === "=" || op === "!=") return { label, op, value, test: (v) => (v === value) === (op === "=") };
  const re = re2(value, true, col);
  return { label, op, value, test: (v) => re.test(v) === (op === "=~") };
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly len: number) {}

  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new ParseError("syntax error: unexpected $end", this.len + 1);
    return t;
  }
  expect(t: Tok["t"], v?: string, what = v ?? t): Tok {
    const tok = this.next();
    if (tok.t !== t || (v !== undefined && tok.v !== v)) throw new ParseError(`syntax error: unexpected ${tok.t === "id" ? "IDENTIFIER" : tok.v}, expecting ${what}`, tok.col);
    return tok;
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }

  selector(): Matcher[] {
    this.expect("punct", "{");
    const ms: Matcher[] = [];
    while (this.peek()?.v !== "}") {
      const label = this.expect("id", undefined, "IDENTIFIER");
      const op = this.next();
      if (op.t !== "op" || !["=", "!=", "=~", "!~"].includes(op.v)) throw new ParseError(`syntax error: unexpected ${op.v}, expecting = or =~ or != or !~`, op.col);
      const val = this.expect("str", undefined, "STRING");
      ms.push(makeMatcher(label.v, op.v as MatchOp, val.v, val.col));
      if (this.peek()?.v === ",") this.next();
      else if (this.peek()?.v !== "}") throw new ParseError(`syntax error: unexpected ${this.peek()?.v ?? "$end"}, expecting } or ,`, this.peek()?.col ?? this.len + 1);
    }
    this.expect("punct", "}");
    if (ms.length === 0) throw new ParseError("syntax error: unexpected }", 2);
    if (ms.every((m) => m.test(""))) throw new Error("queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will");
    return ms;
  }

  logQuery(): LogQuery {
    const selector = this.selector();
    const stages: Stage[] = [];
    while (this.peek() && this.peek()!.t === "op") {
      const op = this.next();
      if (op.v === "|") {
        const id = this.expect("id", undefined, "IDENTIFIER");
        if (id.v === "json" || id.v === "logfmt") {
          stages.push({ kind: "parser", name: id.v });
          continue;
        }
        const mop = this.next();
        if (mop.t !== "op" || !["=", "!=", "=~", "!~"].includes(mop.v)) throw new ParseError(`syntax error: unexpected ${mop.v}`, mop.col);
        const val = this.expect("str", undefined, "STRING");
        stages.push({ kind: "label", matcher: makeMatcher(id.v, mop.v as MatchOp, val.v, val.col) });
      } else if (["|=", "!=", "|~", "!~"].includes(op.v)) {
        const val = this.expect("str", undefined, "STRING");
        const lop = op.v as LineFilter["op"];
        if (lop === "|=" || lop === "!=") {
          const s = val.v;
          stages.push({ kind: "line", op: lop, test: (l) => l.includes(s) === (lop === "|=") });
        } else {
          const re = re2(val.v, false, val.col);
          stages.push({ kind: "line", op: lop, test: (l) => re.test(l) === (lop === "|~") });
        }
      } else {
        throw new ParseError(`syntax error: unexpected ${op.v}`, op.col);
      }
    }
    return { selector, stages };
  }

  rangeAgg(): MetricQuery {
    const fn = this.expect("id", undefined, "IDENTIFIER");
    if (fn.v !== "count_over_time" && fn.v !== "rate") throw new ParseError(`syntax error: unexpected IDENTIFIER`, fn.col);
    this.expect("punct", "(");
    const inner = this.logQuery();
    this.expect("punct", "[");
    const d = this.expect("dur", undefined, "DURATION");
    this.expect("punct", "]");
    this.expect("punct", ")");
    return { fn: fn.v, rangeMs: parseDurationMs(d.v), inner };
  }

  query(): Query {
    const t = this.peek();
    if (t?.v === "{") return { kind: "log", log: this.logQuery() };
    if (t?.t === "id" && t.v === "sum") {
      this.next();
      let by: string[] | undefined;
      let without: string[] | undefined;
      const grouping = () => {
        const kw = this.next().v;
        this.expect("punct", "(");
        const labels: string[] = [];
        while (this.peek()?.v !== ")") {
          labels.push(this.expect("id", undefined, "IDENTIFIER").v);
          if (this.peek()?.v === ",") this.next();
        }
        this.next();
        if (kw === "by") by = labels;
        else without = labels;
      };
      if (this.peek()?.v === "by" || this.peek()?.v === "without") grouping();
      this.expect("punct", "(");
      const m = this.rangeAgg();
      this.expect("punct", ")");
      if (this.peek()?.v === "by" || this.peek()?.v === "without") grouping();
      return { kind: "metric", metric: { ...m, agg: { op: "sum", by, without } } };
    }
    if (t?.t === "id") return { kind: "metric", metric: this.rangeAgg() };
    throw new ParseError(`syntax error: unexpected ${t ? t.v : "$end"}`, t?.col ?? 1);
  }
}

export function parseQuery(src: string): Query {
  const p = new Parser(tokenize(src), src.length);
  const q = p.query();
  if (!p.done()) {
    const t = p.peek()!;
    throw new ParseError(`syntax error: unexpected ${t.t === "id" ? "IDENTIFIER" : t.v}`, t.col);
  }
  return q;
}

export function matchesSelector(selector: Matcher[], labels: Record<string, string>): boolean {
  return selector.every((m) => m.test(labels[m.label] ?? ""));
}

function extract(line: string, parser: "json" | "logfmt"): Record<string, string> {
  const out: Record<string, string> = {};
  if (parser === "json") {
    try {
      const o = JSON.parse(line) as unknown;
      if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) if (v === null || typeof v !== "object") out[k] = String(v);
    } catch {
      out.__error__ = "JSONParserErr";
    }
  } else {
    for (const m of line.matchAll(/([A-Za-z_][\w.]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) out[m[1]!] = m[2]!.replace(/^"|"$/g, "");
  }
  return out;
}

/** Runs the pipeline on one line; returns false when the line is dropped. */
export function passes(stages: Stage[], line: string, labels: Record<string, string>): boolean {
  let fields: Record<string, string> | undefined;
  for (const s of stages) {
    if (s.kind === "line") {
      if (!s.test(line)) return false;
    } else if (s.kind === "parser") {
      fields = { ...labels, ...extract(line, s.name) };
    } else if (!s.matcher.test((fields ?? labels)[s.matcher.label] ?? "")) {
      return false;
    }
  }
  return true;
}
