/**
 * LogQL for the Logs page: structured filters → a query in which every user string is a quoted
 * literal (it can never break out of its filter), and a validator for LogQL typed by operators.
 * Pure. The parser covers log queries (a stream selector and a pipeline), not metric queries.
 */
import { z } from "zod";
import { promqlString } from "./promql";

export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Spellings of each level in JSON lines (Python, Go and JS loggers differ). */
const LEVEL_SPELLINGS: Record<LogLevel, string[]> = {
  error: ["error", "err", "fatal", "critical", "panic"],
  warn: ["warn", "warning"],
  info: ["info", "notice"],
  debug: ["debug", "trace"],
};

const labelValue = z.string().trim().max(253).optional();
export const logFiltersSchema = z.object({
  cluster: labelValue,
  namespace: labelValue,
  app: labelValue,
  pod: labelValue,
  container: labelValue,
  levels: z.array(z.enum(LOG_LEVELS)).max(LOG_LEVELS.length).optional(),
  contains: z.string().max(500).optional(),
  regex: z.string().max(500).optional(),
});
export type LogFilters = z.infer<typeof logFiltersSchema>;

export class LogQLError extends Error {
  constructor(message: string, readonly position?: number) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.name = "LogQLError";
  }
}

/** Refuses regular expressions RE2 (Loki) would not accept or that JS cannot check. */
export function checkRe2(re: string): void {
  if (/\(\?<?[=!]/.test(re)) throw new LogQLError(`regex "${re}" uses a lookaround, which Loki (RE2) does not support`);
  if (/(^|[^\\])\\[1-9]/.test(re)) throw new LogQLError(`regex "${re}" uses a back-reference, which Loki (RE2) does not support`);
  try {
    new RegExp(re.replace(/^\(\?([imsU]+)\)/, ""), "u");
  } catch (e) {
    throw new LogQLError(`regex "${re}" is invalid: ${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e)}`);
  }
}

/** The regex a level filter applies to the raw line: `"level": "error"` in any case and spacing. */
export function levelRegex(levels: readonly LogLevel[]): string {
  const words = [...new Set(levels.flatMap((l) => LEVEL_SPELLINGS[l]))];
  return `(?i)"(level|levelname|severity)"\\s*:\\s*"(${words.join("|")})"`;
}

/** Structured filters → LogQL. Empty filters select every stream that has a namespace. */
export function buildLogQuery(input: LogFilters): string {
  const f = logFiltersSchema.parse(input);
  const matchers: string[] = [];
  for (const label of ["cluster", "namespace", "app", "pod", "container"] as const) {
    const v = f[label];
    if (v) matchers.push(`${label}=${promqlString(v)}`);
  }
  if (matchers.length === 0) matchers.push('namespace=~".+"');
  let q = `{${matchers.join(", ")}}`;
  if (f.levels && f.levels.length > 0 && f.levels.length < LOG_LEVELS.length) q += ` |~ ${promqlString(levelRegex(f.levels))}`;
  if (f.contains) q += ` |= ${promqlString(f.contains)}`;
  if (f.regex) {
    checkRe2(f.regex);
    q += ` |~ ${promqlString(f.regex)}`;
  }
  return q;
}

// ---- parsing / validation -------------------------------------------------------------------

export interface Matcher {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}
export type Stage =
  | { kind: "line"; op: "|=" | "!=" | "|~" | "!~"; value: string }
  | { kind: "parser"; name: "json" | "logfmt" | "unpack" }
  | { kind: "parser"; name: "pattern" | "regexp"; value: string }
  | { kind: "label"; label: string; op: string; value: string }
  | { kind: "format"; name: "line_format" | "decolorize"; value?: string };
export interface ParsedLogQuery {
  selector: Matcher[];
  stages: Stage[];
}

type Tok = { t: "str" | "id" | "op" | "num"; v: string; at: number };

const GO_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"' };

function readString(src: string, i: number): { value: string; end: number } {
  const q = src[i]!;
  if (q === "`") {
    const close = src.indexOf("`", i + 1);
    if (close < 0) throw new LogQLError("unterminated `string`", i);
    return { value: src.slice(i + 1, close), end: close + 1 };
  }
  let out = "";
  let j = i + 1;
  while (j < src.length) {
    const c = src[j]!;
    if (c === '"') return { value: out, end: j + 1 };
    if (c === "\n") throw new LogQLError("newline inside a string", j);
    if (c !== "\\") {
      out += c;
      j++;
      continue;
    }
    const e = src[j + 1];
    if (e === undefined) break;
    if (e in GO_ESCAPES) {
      out += GO_ESCAPES[e];
      j += 2;
    } else if (e === "u" || e === "x" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = src.slice(j + 2, j + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new LogQLError(`bad \\${e} escape`, j);
      out += e === "x" ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      j += 2 + len;
    } else throw new LogQLError(`unknown escape \\${e}`, j);
  }
  throw new LogQLError('unterminated "string"', i);
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "`") {
      const s = readString(src, i);
      toks.push({ t: "str", v: s.value, at: i });
      i = s.end;
    } else if (/[a-zA-Z_]/.test(c)) {
      const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(src.slice(i))!;
      toks.push({ t: "id", v: m[0], at: i });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+[a-zA-Z]*/.exec(src.slice(i))!;
      toks.push({ t: "num", v: m[0], at: i });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (["|=", "|~", "!=", "!~", "=~", ">=", "<=", "=="].includes(two)) {
        toks.push({ t: "op", v: two, at: i });
        i += 2;
      } else if ("{}(),|=<>".includes(c)) {
        toks.push({ t: "op", v: c, at: i });
        i++;
      } else throw new LogQLError(`unexpected "${c}"`, i);
    }
  }
  return toks;
}

const MATCH_OPS = ["=", "!=", "=~", "!~"] as const;
const LABEL_FILTER_OPS = ["=", "==", "!=", "=~", "!~", ">", ">=", "<", "<="];

/** Parses a LogQL log query; throws LogQLError with a plain message and position. */
export function parseLogQuery(src: string): ParsedLogQuery {
  if (src.length > 4000) throw new LogQLError("query is longer than 4000 characters");
  if (!src.trimStart().startsWith("{")) {
    throw new LogQLError('a log query starts with a stream selector such as {namespace="grio"}', 0);
  }
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const next = (what: string): Tok => {
    const t = toks[p++];
    if (!t) throw new LogQLError(`query ends where ${what} was expected`, src.length);
    return t;
  };
  const expectOp = (v: string) => {
    const t = next(`"${v}"`);
    if (t.t !== "op" || t.v !== v) throw new LogQLError(`expected "${v}", found "${t.v}"`, t.at);
  };
  const matcher = (): Matcher => {
    const l = next("a label name");
    if (l.t !== "id") throw new LogQLError(`expected a label name, found "${l.v}"`, l.at);
    const o = next("a matcher (=, !=, =~, !~)");
    if (o.t !== "op" || !(MATCH_OPS as readonly string[]).includes(o.v)) throw new LogQLError(`expected =, !=, =~ or !~ after ${l.v}`, o.at);
    const v = next("a quoted value");
    if (v.t !== "str") throw new LogQLError(`the value of ${l.v} must be a quoted string`, v.at);
    const op = o.v as Matcher["op"];
    if (op === "=~" || op === "!~") checkRe2(v.v);
    return { label: l.v, op, value: v.v };
  };

  expectOp("{");
  const selector: Matcher[] = [];
  while (peek() && peek()!.v !== "}") {
    selector.push(matcher());
    if (peek()?.v === ",") p++;
    else break;
  }
  expectOp("}");
  if (!selector.some((m) => (m.op === "=" && m.value !== "") || (m.op === "=~" && !new RegExp(`^(?:${m.value.replace(/^\(\?i\)/, "")})$`).test("")))) {
    throw new LogQLError("the stream selector needs at least one matcher that is not empty-compatible, e.g. namespace=\"grio\"");
  }

  const stages: Stage[] = [];
  while (p < toks.length) {
    const t = next("a pipeline stage");
    if (t.t === "op" && ["|=", "!=", "|~", "!~"].includes(t.v)) {
      const v = next("a quoted string");
      if (v.t !== "str") throw new LogQLError(`a line filter ${t.v} takes a quoted string`, v.at);
      if (t.v === "|~" || t.v === "!~") checkRe2(v.v);
      stages.push({ kind: "line", op: t.v as "|=", value: v.v });
      continue;
    }
    if (t.v !== "|") throw new LogQLError(`unexpected "${t.v}"; a pipeline stage starts with |, |=, !=, |~ or !~`, t.at);
    const s = next("a stage after |");
    if (s.t === "id" && (s.v === "json" || s.v === "logfmt" || s.v === "unpack" || s.v === "decolorize")) {
      stages.push(s.v === "decolorize" ? { kind: "format", name: "decolorize" } : { kind: "parser", name: s.v as "json" });
    } else if (s.t === "id" && (s.v === "pattern" || s.v === "regexp" || s.v === "line_format")) {
      const v = next("a quoted string");
      if (v.t !== "str") throw new LogQLError(`${s.v} takes a quoted string`, v.at);
      if (s.v === "regexp") checkRe2(v.v);
      stages.push(s.v === "line_format" ? { kind: "format", name: "line_format", value: v.v } : { kind: "parser", name: s.v as "pattern", value: v.v });
    } else if (s.t === "id") {
      const o = next("a comparison");
      const v = next("a value");
      if (o.t !== "op" || !LABEL_FILTER_OPS.includes(o.v)) throw new LogQLError(`expected a comparison after ${s.v}`, o.at);
      if (v.t !== "str" && v.t !== "num") throw new LogQLError(`the value compared with ${s.v} must be a quoted string or a number`, v.at);
      if (v.t === "str" && (o.v === "=~" || o.v === "!~")) checkRe2(v.v);
      stages.push({ kind: "label", label: s.v, op: o.v, value: v.v });
    } else throw new LogQLError(`unexpected "${s.v}" after |`, s.at);
  }
  return { selector, stages };
}

export function validateLogQuery(src: string): { ok: true; query: string } | { ok: false; message: string } {
  try {
    parseLogQuery(src);
    return { ok: true, query: src.trim() };
  } catch (e) {
    if (e instanceof LogQLError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The level a line declares (JSON `level`/`levelname`/`severity`, or a leading keyword), for highlighting. */
export function lineLevel(line: string): LogLevel | null {
  const m = /"(?:level|levelname|severity)"\s*:\s*"([a-zA-Z]+)"/.exec(line) ?? /^\s*\[?([A-Z]{4,8})\b/.exec(line);
  const word = m?.[1]?.toLowerCase();
  if (!word) return /Traceback \(most recent call last\)|^\s+at |Exception|panic:/.test(line) ? "error" : null;
  for (const l of LOG_LEVELS) if (LEVEL_SPELLINGS[l].includes(word)) return l;
  return null;
}
