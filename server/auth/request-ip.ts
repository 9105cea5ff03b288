import { clientIp } from "@/lib/domain/client-ip";
import { env } from "@/server/config";
import { PEER_HEADER } from "@/server/peer-address";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function get(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client IP of a request. The TCP peer address is stamped by server/peer-address.ts (loaded from
 * instrumentation.ts); without it, Next's own X-Forwarded-For (the peer, when the client sent none)
 * is the best we have.
 */
export function requestClientIp(headers: HeaderBag): string {
  const xff = get(headers, "x-forwarded-for");
  const peer = get(headers, PEER_HEADER) ?? xff?.split(",").pop()?.trim();
  return clientIp({ peer, forwardedFor: xff }, env().TRUSTED_PROXIES);
}
