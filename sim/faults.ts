/**
 * A faultable HTTP front for the sim's backends: bind 127.0.0.1 on a given or free port, and on
 * command go down (the port refuses connections), answer slowly, answer 5xx, or hang.
 */
import http from "node:http";
import type https from "node:https";
import net from "node:net";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface FaultState {
  down: boolean;
  /** added before every answer */
  slowMs: number;
  /** when set, every request (except health probes the backend marks) answers this status */
  errorStatus: number | null;
  /** accept the request and never answer */
  hang: boolean;
}

export interface Faults {
  readonly state: Readonly<FaultState>;
  setDown(down: boolean): Promise<void>;
  setSlow(ms: number): void;
  /** pass null to heal; `true` means 503 */
  set5xx(status: number | boolean | null): void;
  setHang(hang: boolean): void;
  /** all faults off, server up */
  heal(): Promise<void>;
}

export interface FaultableServer {
  port: number;
  url: string;
  faults: Faults;
  stop(): Promise<void>;
}

export interface FaultableOptions {
  port?: number;
  /** how the backend shapes an injected 5xx answer */
  errorBody?: (status: number, req: http.IncomingMessage) => { contentType: string; body: string };
}

/** Copy of server/testing/ports.ts (sim/ imports nothing from the console). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") return reject(new Error("no port"));
      srv.close(() => resolve(addr.port));
    });
  });
}

const defaultErrorBody = (status: number) => ({
  contentType: "text/plain; charset=utf-8",
  body: `${http.STATUS_CODES[status] ?? "error"} (injected by the sim)\n`,
});

export async function startFaultable(handler: Handler, opts: FaultableOptions = {}): Promise<FaultableServer> {
  const state: FaultState = { down: false, slowMs: 0, errorStatus: null, hang: false };
  const errorBody = opts.errorBody ?? defaultErrorBody;

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (state.hang) return; // the socket stays open until the client gives up or we go down
    if (state.slowMs > 0) await new Promise((r) => setTimeout(r, state.slowMs));
    if (state.errorStatus !== null) {
      const { contentType, body } = errorBody(state.errorStatus, req);
      req.resume();
      res.writeHead(state.errorStatus, { "content-type": contentType });
      res.end(body);
      return;
    }
    try {
      await handler(req, res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  };

  const listener = switchableListener(() => http.createServer((req, res) => void onRequest(req, res)), {
    port: opts.port,
    keepAliveTimeoutMs: 5_000,
    connectionEvent: "connection",
  });
  await listener.listen();

  const faults: Faults = {
    state,
    async setDown(down) {
      state.down = down;
      await listener.setDown(down);
    },
    setSlow(ms) {
      state.slowMs = Math.max(0, ms);
    },
    set5xx(status) {
      state.errorStatus = status === true ? 503 : status === false || status === null ? null : status;
    },
    setHang(hang) {
      state.hang = hang;
    },
    async heal() {
      state.slowMs = 0;
      state.errorStatus = null;
      state.hang = false;
      await faults.setDown(false);
    },
  };

  return {
    get port() {
      return listener.port;
    },
    get url() {
      return `http://127.0.0.1:${listener.port}`;
    },
    faults,
    stop: listener.close,
  };
}

export interface SwitchableListener {
  /** the bound port (the given one, or the one the OS chose on first listen; kept across down/up) */
  readonly port: number;
  listen(): Promise<void>;
  /** destroy open sockets and stop listening: the port refuses connections */
  close(): Promise<void>;
  /** down closes; up listens again on the same port if not listening */
  setDown(down: boolean): Promise<void>;
}

/**
 * A server on 127.0.0.1 that can be taken down (port refuses, open sockets cut) and brought back on the
 * same port: serves startFaultable's plain-HTTP backends and the k8s API server's HTTPS front.
 */
export function switchableListener(
  create: () => http.Server | https.Server,
  opts: { port?: number; keepAliveTimeoutMs: number; connectionEvent: "connection" | "secureConnection"; beforeClose?: () => void },
): SwitchableListener {
  const sockets = new Set<net.Socket>();
  let server: http.Server | https.Server | null = null;
  let port = opts.port ?? 0;

  const listen = async () => {
    const srv = create();
    srv.keepAliveTimeout = opts.keepAliveTimeoutMs;
    (srv as net.Server).on(opts.connectionEvent, (s: net.Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => resolve());
    });
    const addr = srv.address();
    if (addr && typeof addr !== "string") port = addr.port;
    server = srv;
  };

  const close = async () => {
    const srv = server;
    server = null;
    if (!srv) return;
    opts.beforeClose?.();
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((r) => srv.close(() => r()));
  };

  return {
    get port() {
      return port;
    },
    listen,
    close,
    async setDown(down) {
      if (down) await close();
      else if (!server) await listen();
    },
  };
}

/** Read a request body (bounded). */
export async function readBody(req: http.IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > limit) throw new Error("body too large");
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable 32-bit hash of a string (FNV-1a). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
