import { describe, expect, it } from "vitest";
import { buildLogQuery, levelRegex, lineLevel, parseLogQuery, validateLogQuery, type LogFilters } from "./logql";

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const HOSTILE = ['"', "'", "`", "}", "{", "|=", "!=", "|~", "\n", "\r", "\t", "\\", "\\\"", '\\"}', "\u0000", "\u2028", "$", "{{", ",", "=", " or ", "é", "🙂", "a", "x", " ", ")", "(", "\\n", "\"} |= \"", "`} |~ `"];
function hostileString(next: () => number): string {
  const n = Math.floor(next() * 8);
  let s = "";
  for (let i = 0; i < n; i++) s += HOSTILE[Math.floor(next() * HOSTILE.length)];
  return s;
}

describe("buildLogQuery", () => {
  it("turns structured filters into a stream selector and line filters", () => {
    expect(buildLogQuery({ cluster: "hetzner-prod", namespace: "grio", pod: "ai-inference-1", contains: "Traceback" })).toBe(
      '{cluster="hetzner-prod", namespace="grio", pod="ai-inference-1"} |= "Traceback"',
    );
    expect(buildLogQuery({})).toBe('{namespace=~".+"}');
  });

  it("filters levels with a regex on the JSON level field, and skips it when every level is chosen", () => {
    const q = buildLogQuery({ namespace: "grio", levels: ["error"] });
    expect(q).toContain("|~ ");
    expect(parseLogQuery(q).stages[0]).toEqual({ kind: "line", op: "|~", value: levelRegex(["error"]) });
    expect(new RegExp(levelRegex(["error"]).replace("(?i)", ""), "i").test('{"level": "ERROR", "msg": "x"}')).toBe(true);
    expect(buildLogQuery({ namespace: "grio", levels: ["error", "warn", "info", "debug"] })).toBe('{namespace="grio"}');
  });

  it("refuses a regex Loki's RE2 would reject", () => {
    expect(() => buildLogQuery({ regex: "(?=x)" })).toThrow(/lookaround/);
    expect(() => buildLogQuery({ regex: "(a" })).toThrow(/invalid/);
  });

  it("keeps every hostile string inside its own literal (property test, 2000 cases)", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = rng(seed);
      const f: LogFilters = {
        cluster: hostileString(next) || undefined,
        namespace: hostileString(next) || undefined,
        app: hostileString(next) || undefined,
        pod: hostileString(next) || undefined,
        container: hostileString(next) || undefined,
        contains: hostileString(next) || undefined,
      };
      const trimmed = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, k === "contains" || typeof v !== "string" ? v : v.trim() || undefined]));
      const q = buildLogQuery(f);
      const parsed = parseLogQuery(q);
      const expectedSelector = (["cluster", "namespace", "app", "pod", "container"] as const)
        .filter((k) => trimmed[k])
        .map((k) => ({ label: k, op: "=", value: trimmed[k] }));
      if (expectedSelector.length === 0) expectedSelector.push({ label: "namespace", op: "=~", value: ".+" });
      expect(parsed.selector, `seed ${seed}: ${q}`).toEqual(expectedSelector);
      expect(parsed.stages, `seed ${seed}: ${q}`).toEqual(f.contains ? [{ kind: "line", op: "|=", value: f.contains }] : []);
      expect(q.split("\n")).toHaveLength(1);
    }
  });
});

describe("validateLogQuery", () => {
  it("accepts selectors, line filters, parsers and label filters", () => {
    for (const q of [
      '{namespace="grio"}',
      '{namespace="grio", pod=~"ai-.*"} |= "error" != `healthz` |~ "(?i)timeout"',
      '{app="django-api"} | json | level="error" | status >= 500 | line_format "{{.msg}}"',
      '{app="x"} | logfmt | duration > 1s',
      '{cluster="c"} |= "say \\"hi\\"\\n"',
    ]) {
      expect(validateLogQuery(q), q).toEqual({ ok: true, query: q });
    }
  });

  it("refuses broken or unsafe queries with a plain reason", () => {
    const bad: Array<[string, RegExp]> = [
      ["", /starts with a stream selector/],
      ['sum(rate({a="b"}[5m]))', /starts with a stream selector/],
      ['{namespace="grio"', /query ends/],
      ['{namespace=grio}', /quoted string/],
      ['{namespace=""}', /at least one matcher/],
      ['{namespace=~".*"}', /at least one matcher/],
      ['{a="b"} |= "unterminated', /unterminated/],
      ['{a="b"} |~ "(?!x)"', /lookaround/],
      ['{a="b"} |= "x" }', /unexpected "}"/],
      ['{a="b"} ; drop', /unexpected ";"/],
      ['{a="b"} |= "\\q"', /unknown escape/],
    ];
    for (const [q, re] of bad) {
      const r = validateLogQuery(q);
      expect(r.ok, q).toBe(false);
      if (!r.ok) expect(r.message, q).toMatch(re);
    }
  });
});

describe("lineLevel", () => {
  it("reads the level from JSON lines and recognises stack traces", () => {
    expect(lineLevel('{"level":"error","msg":"boom"}')).toBe("error");
    expect(lineLevel('{"levelname": "WARNING"}')).toBe("warn");
    expect(lineLevel("INFO started")).toBe("info");
    expect(lineLevel("Traceback (most recent call last):")).toBe("error");
    expect(lineLevel("plain text")).toBeNull();
  });
});
