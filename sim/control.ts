/**
 * The sim's control API: named scenario verbs, callable in-process (SimHandle.control) and over HTTP
 * (POST /__sim/<verb> with a JSON body of arguments; GET /__sim lists the verbs). Every backend adds
 * its own verbs through `register` — the Kubernetes side and the data side alike.
 */
import http from "node:http";
import { readBody, sendJson, type FaultableServer } from "./faults";

export type VerbHandler = (args: Record<string, unknown>) => unknown;

export interface VerbInfo {
  name: string;
  help: string;
  args: string[];
}

export class ControlRegistry {
  private readonly verbs = new Map<string, { info: VerbInfo; run: VerbHandler }>();

  register(name: string, help: string, args: string[], run: VerbHandler): void {
    if (this.verbs.has(name)) throw new Error(`control verb ${name} registered twice`);
    this.verbs.set(name, { info: { name, help, args }, run });
  }

  list(): VerbInfo[] {
    return [...this.verbs.values()].map((v) => v.info).sort((a, b) => a.name.localeCompare(b.name));
  }

  async call(name: string, args: Record<string, unknown> = {}): Promise<unknown> {
    const v = this.verbs.get(name);
    if (!v) throw new ControlError(404, `no control verb named ${name}`);
    for (const a of v.info.args) if (!a.endsWith("?") && args[a] === undefined) throw new ControlError(400, `${name} needs argument ${a}`);
    return await v.run(args);
  }
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startControlServer(registry: ControlRegistry, info: () => unknown, port = 0): Promise<Omit<FaultableServer, "faults">> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sim");
      const path = url.pathname.replace(/\/+$/, "");
      try {
        if (req.method === "GET" && (path === "/__sim" || path === "")) return sendJson(res, 200, { verbs: registry.list() });
        if (req.method === "GET" && path === "/__sim/estate") return sendJson(res, 200, info());
        const m = /^\/__sim\/([\w-]+)$/.exec(path);
        if (!m || req.method !== "POST") return sendJson(res, 404, { error: `unknown control path ${req.method} ${url.pathname}` });
        const text = await readBody(req);
        let args: Record<string, unknown> = {};
        if (text.trim()) {
          try {
            args = JSON.parse(text) as Record<string, unknown>;
          } catch {
            return sendJson(res, 400, { error: "body is not JSON" });
          }
        }
        for (const [k, v] of url.searchParams) args[k] ??= v;
        const result = await registry.call(m[1]!, args);
        sendJson(res, 200, { ok: true, result: result ?? null });
      } catch (e) {
        const status = e instanceof ControlError ? e.status : 400;
        sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const addr = server.address();
  const actual = addr && typeof addr !== "string" ? addr.port : port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/__sim`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
