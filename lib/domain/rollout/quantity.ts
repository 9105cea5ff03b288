import type { V1PodTemplateSpec } from "@kubernetes/client-node";

/**
 * Go's resource.Quantity canonical form, which kubectl's patch carries because it round-trips the
 * ReplicaSet's template through typed Go structs: "1024Mi" → "1Gi", "1000m" → "1", "2000" → "2k",
 * "0.5Gi" → "512Mi". Binary suffixes stay binary when the value is a whole number ≥ 1024; otherwise
 * the decimal SI form is used, as in apimachinery's Quantity.String().
 */
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const DEC_SUFFIX: Record<number, string> = { [-9]: "n", [-6]: "u", [-3]: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E" };

/** value = n × 10^e */
type Dec = { n: bigint; e: number };

function parse(q: string): { value: Dec; binary: boolean } | null {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(q.trim());
  if (!m) return null;
  const [, sign, num = "", suffix = ""] = m;
  const [int = "", frac = ""] = num.split(".");
  let n = BigInt((int || "0") + frac) * (sign === "-" ? -1n : 1n);
  let e = -frac.length;
  const bin = BINARY[suffix];
  if (bin !== undefined) {
    n *= 1024n ** BigInt(bin);
    return { value: { n, e }, binary: true };
  }
  e += DECIMAL[suffix] ?? 0;
  return { value: { n, e }, binary: false };
}

function normalise(d: Dec): Dec {
  let { n, e } = d;
  if (n === 0n) return { n: 0n, e: 0 };
  while (n % 10n === 0n) {
    n /= 10n;
    e++;
  }
  return { n, e };
}

function asInteger(d: Dec): bigint | null {
  const { n, e } = normalise(d);
  if (e >= 0) return n * 10n ** BigInt(e);
  return null;
}

function decimalString(d: Dec): string {
  let { n, e } = normalise(d);
  if (n === 0n) return "0";
  // Go keeps at most nano precision and rounds up beyond it
  if (e < -9) {
    const div = 10n ** BigInt(-9 - e);
    n = n / div + (n % div === 0n ? 0n : n > 0n ? 1n : 0n);
    e = -9;
    return decimalString({ n, e });
  }
  // exponent: the largest multiple of 3 not above e (so the mantissa stays whole), capped at 18
  let exp = Math.floor(e / 3) * 3;
  if (exp > 18) exp = 18;
  const mantissa = n * 10n ** BigInt(e - exp);
  return `${mantissa}${DEC_SUFFIX[exp] ?? ""}`;
}

export function canonicalQuantity(q: string): string {
  const parsed = parse(q);
  if (!parsed) return q;
  const { value, binary } = parsed;
  if (binary) {
    const whole = asInteger(value);
    if (whole !== null && (whole >= 1024n || whole <= -1024n)) {
      let n = whole;
      let i = 0;
      while (i < 6 && n % 1024n === 0n && n !== 0n) {
        n /= 1024n;
        i++;
      }
      return `${n}${BIN_SUFFIX[i]}`;
    }
  }
  return decimalString(value);
}

function canonicalMap(m: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!m) return m;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === "string" ? canonicalQuantity(v) : v]));
}

/** The template with every resource quantity in canonical form (containers, init containers, emptyDir, overhead). */
export function canonicalQuantities(t: V1PodTemplateSpec): V1PodTemplateSpec {
  const spec = t.spec;
  if (!spec) return t;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    if (c.resources) {
      if (c.resources.limits) c.resources.limits = canonicalMap(c.resources.limits);
      if (c.resources.requests) c.resources.requests = canonicalMap(c.resources.requests);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.emptyDir?.sizeLimit) v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  }
  if (spec.overhead) spec.overhead = canonicalMap(spec.overhead);
  return t;
}
