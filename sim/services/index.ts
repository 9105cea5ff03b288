/**
 * The platform's own endpoints the console probes: the Django API (`/health` → {"status": "ok"}),
 * the Next.js web app, each on its own port, answering from the estate (down when the sim says
 * the service is down, as Traefik answers when a service has no ready endpoints).
 */
import type http from "node:http";
import type { EstateView } from "../contract";
import { sendJson, sendText, startFaultable, type FaultableServer, type Faults } from "../faults";

export interface ServiceEndpoints {
  /** base URL of the Django API (its /health is the probe) */
  djangoApi: string;
  djangoApiHealth: string;
  web: string;
  faults: { "django-api": Faults; "nextjs-web": Faults };
  stop(): Promise<void>;
}

export interface ServiceOptions {
  djangoPort?: number;
  webPort?: number;
}

const NO_SERVER = "no available server";

function django(view: EstateView, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (!view.serviceUp("django-api")) return sendText(res, 503, NO_SERVER);
  if (path === "/health" || path === "/health/") {
    const db = view.serviceUp("postgres");
    const cache = view.serviceUp("redis");
    if (!db || !cache) {
      return sendJson(res, 503, { status: "error", checks: { database: db ? "ok" : "could not connect to server: Connection refused", cache: cache ? "ok" : "Error 111 connecting to redis:6379. Connection refused." } });
    }
    return sendJson(res, 200, { status: "ok" });
  }
  if (path.startsWith("/api/")) return sendJson(res, 401, { detail: "Authentication credentials were not provided." });
  return sendJson(res, 404, { detail: "Not found." });
}

function web(view: EstateView, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  if (!view.serviceUp("nextjs-web")) return sendText(res, 503, NO_SERVER);
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (path === "/" || path === "/lessons" || path === "/signin") {
    const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>Grio — learn anywhere</title></head><body><div id="__next"><main><h1>Grio</h1><p>Lessons, practice and an AI tutor for every learner.</p></main></div></body></html>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-powered-by": "Next.js", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  return sendText(res, 404, "This page could not be found.");
}

export async function startServiceEndpoints(view: EstateView, opts: ServiceOptions = {}): Promise<ServiceEndpoints> {
  const started: FaultableServer[] = [];
  try {
    const api = await startFaultable((req, res) => django(view, req, res), { port: opts.djangoPort });
    started.push(api);
    const site = await startFaultable((req, res) => web(view, req, res), { port: opts.webPort });
    started.push(site);
    return {
      djangoApi: api.url,
      djangoApiHealth: `${api.url}/health`,
      web: `${site.url}/`,
      faults: { "django-api": api.faults, "nextjs-web": site.faults },
      async stop() {
        for (const s of started) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started) await s.stop();
    throw e;
  }
}
