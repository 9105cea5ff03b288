import http from "node:http";

/** Set on every incoming request to the TCP peer's address; a client-sent value is overwritten. */
export const PEER_HEADER = "x-grio-peer-address";

const marker = Symbol.for("grio.peerAddressStamp");

/**
 * Next's server keeps a client-sent X-Forwarded-For as is and does not tell route handlers the TCP
 * peer, so "believe X-Forwarded-For only from a trusted proxy" needs the peer: stamp it on the
 * request as it arrives. Called once from instrumentation.ts (Node runtime).
 */
export function stampPeerAddress(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...a: unknown[]) => boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return emit.call(this, event, ...args);
  };
}
