import type { FieldError } from "@/lib/domain/edge/heartbeat";

/** Small helpers shared by the /api/edge/v1 routes: JSON replies with reasons, capped body reads. */
export function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function refuse(status: number, error: string, errors?: FieldError[], headers: Record<string, string> = {}): Response {
  return reply(status, errors ? { error, errors } : { error }, headers);
}

/**
 * The request body as text, or "too-large" once more than `maxBytes` arrive (whatever
 * Content-Length claims): reading stops there, the rest is never buffered.
 */
export async function readCapped(req: Request, maxBytes: number): Promise<string | "too-large"> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return "too-large";
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const type = header.split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

export function bearer(req: Request): string | undefined {
  const auth = req.headers.get("authorization");
  if (!auth || !/^bearer\s+/i.test(auth)) return undefined;
  return auth.replace(/^bearer\s+/i, "").trim() || undefined;
}

/** JSON.parse that says what is wrong instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `is not valid JSON (${e instanceof Error ? e.message : "parse error"})` };
  }
}
