import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

/**
 * The console's structured log: one JSON object per line on stdout (Loki/promtail pick it up from
 * the container), with a request id on every line written while serving a request, and no secrets.
 *
 * Redaction is by key name at any depth (headers, error details, adapter options…): a key that
 * looks like a credential is replaced by "[redacted]" before the line is written. Bearer/Basic
 * credentials inside free-text strings are masked too.
 */

export const REDACTED = "[redacted]";

/** Key names whose values never reach a log line, at any depth. */
const SECRET_KEY =
  /^(auth|authorization|proxy-authorization|cookie|set-cookie|password|passwd|pass|secret|token|kubeconfig|credentials?|private[-_]?key|client[-_]?secret|api[-_]?key|access[-_]?key(id)?|secret[-_]?(access[-_]?)?key|session[-_]?token|csrf[-_]?token|x-api-key)$/i;
/** Looser match for compound names: fooToken, S3_SECRET_KEY, NEXTAUTH_SECRET, bearerToken… */
const SECRET_KEY_PART =
  /(token|secret|password|passwd|cookie|authorization|kubeconfig|private[-_]?key|access[-_]?key|api[-_]?key|basic[-_]?auth)/i;
/** Compound names that contain a secret-ish word but hold nothing secret. */
const NOT_SECRET = /^(tokenKind|tokenName|tokenId|tokenPrefix|passwordChangedAt|secretName|secretRef)$/;

const INLINE_CREDENTIAL = /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

export function isSecretKey(key: string): boolean {
  if (NOT_SECRET.test(key)) return false;
  return SECRET_KEY.test(key) || SECRET_KEY_PART.test(key);
}

/** Masks inline credentials in a free-text string (error messages, URLs). */
export function redactString(s: string): string {
  return s.replace(INLINE_CREDENTIAL, (_m, scheme: string) => `${scheme} ${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
}

/** A copy of `value` with every secret-looking key replaced; Errors keep their shape. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: redactString(value.message) };
    if (value.stack) out.stack = redactString(value.stack);
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) ? REDACTED : redact(v, depth + 1, seen);
    }
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Headers) {
    const out: Record<string, string> = {};
    value.forEach((v, k) => {
      out[k] = isSecretKey(k) ? REDACTED : redactString(v);
    });
    return out;
  }
  if (value instanceof Date || value instanceof URL) return redactString(String(value));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return `[${value.constructor?.name ?? "object"}]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}

function level(): pino.LevelWithSilent {
  const l = process.env.LOG_LEVEL;
  const allowed = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  return l && allowed.includes(l) ? (l as pino.LevelWithSilent) : "info";
}

/** Builds a logger writing to `destination` (stdout by default). Exposed for tests. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: level(),
    base: { service: "grio-ops" },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    // Errors are already turned into {type, message, stack, cause} by redact() above.
    serializers: { err: (e: unknown) => e, error: (e: unknown) => e },
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => redact(obj) as Record<string, unknown>,
    },
    hooks: {
      // Free-text messages can carry credentials too (e.g. an upstream error echoing a header).
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // logger.error(err) alone: pino would take err.message verbatim as the message.
        const normalised = first instanceof Error && rest.length === 0 ? [{ err: first }, first.message] : args;
        const masked = normalised.map((a) => (typeof a === "string" ? redactString(a) : a)) as typeof args;
        return method.apply(this, masked);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLogger = globalThis as unknown as { __grioLogger?: Logger };

/** The process-wide logger (one per process, shared by every route bundle). */
export const logger: Logger = (globalForLogger.__grioLogger ??= createLogger());

/** A logger for one component, e.g. `childLogger({ component: "k8s-informer", cluster })`. */
export function childLogger(bindings: Record<string, unknown>): Logger {
  return logger.child(redact(bindings) as Record<string, unknown>);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request id for an incoming request: the proxy's `x-request-id` when it is well-formed
 * (Traefik can set one), otherwise a fresh UUID. Echo it back in the response's `x-request-id`.
 */
export function requestIdFrom(headers?: Headers | null): string {
  const incoming = headers?.get("x-request-id");
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** A logger whose every line carries `requestId`. */
export function requestLogger(requestId: string, bindings: Record<string, unknown> = {}): Logger {
  return logger.child({ requestId, ...(redact(bindings) as Record<string, unknown>) });
}
