/** The apiserver's request pipeline: authenticate, authorize, route to discovery or a resource verb. */
import type http from "node:http";
import type { ClusterModel } from "../model/cluster";
import { K3S_VERSION } from "../model/nodes";
import { createObject, deleteObject, getObject, listJson, listPage, patchObject, scaleOf, updateObject } from "./handlers";
import { followLogs, podLogs } from "./logs";
import { patchTypeOf } from "./patch";
import { parsePath } from "./path";
import { allows, type TokenRegistry } from "./rbac";
import { apiVersionOf, discoveryApiVersions, discoveryGroup, discoveryGroupList, discoveryResourceList } from "./resources";
import { makeMatcher } from "./selectors";
import { ApiError, statusErrors } from "./status";
import { tableOf, wantsTable } from "./table";
import type { WatchHub } from "./watch";

export interface ApiContext {
  cluster: ClusterModel;
  tokens: TokenRegistry;
  watches: WatchHub;
  address: string;
  bookmarkEveryMs: number;
}

function sendJson(res: http.ServerResponse, code: number, body: string | object): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-cache, private" });
  res.end(text);
}

export function sendStatus(res: http.ServerResponse, e: ApiError): void {
  sendJson(res, e.code, e.body);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 3 * 1024 * 1024) throw new ApiError(statusErrors.badRequest("request entity too large").body);
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : undefined;
  } catch (e) {
    throw new ApiError(statusErrors.badRequest(`the server rejected our request due to an error in our request: ${e instanceof Error ? e.message : String(e)}`).body);
  }
}

const truthy = (v: string | null) => v !== null && v !== "false" && v !== "0";

export async function handle(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sim");
  const q = url.searchParams;
  const method = req.method ?? "GET";
  const user = ctx.tokens.lookup(req.headers.authorization);
  if (!user) throw new ApiError(statusErrors.unauthorized().body);
  const p = parsePath(url.pathname);
  if (p.type === "nonresource") {
    if (p.path === "/version") {
      return sendJson(res, 200, { major: "1", minor: "29", gitVersion: K3S_VERSION, gitCommit: "83ae095ab9197f168a6bd3f3bd0f7c1a6d9aa6b8", gitTreeState: "clean", buildDate: "2024-06-25T17:05:43Z", goVersion: "go1.21.11", compiler: "gc", platform: "linux/amd64" });
    }
    if (p.path === "/healthz" || p.path === "/livez" || p.path === "/readyz") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      return void res.end("ok");
    }
    throw new ApiError(statusErrors.pathNotFound().body);
  }
  if (p.type === "unknown") throw new ApiError(statusErrors.pathNotFound().body);
  if (p.type === "discovery") {
    const body = p.legacy
      ? p.version === undefined
        ? discoveryApiVersions(ctx.address)
        : discoveryResourceList("", p.version)
      : p.group === undefined
        ? discoveryGroupList()
        : p.version === undefined
          ? discoveryGroup(p.group)
          : discoveryResourceList(p.group, p.version);
    if (!body) throw new ApiError(statusErrors.pathNotFound().body);
    return sendJson(res, 200, body);
  }
  const { def, namespace, name, sub } = p;
  if (sub && !def.subresources?.some((s) => s.name === sub)) throw new ApiError(statusErrors.pathNotFound().body);
  const watch = method === "GET" && !name && truthy(q.get("watch"));
  const verb =
    method === "GET" ? (name ? "get" : watch ? "watch" : "list") : method === "POST" ? "create" : method === "PATCH" ? "patch" : method === "PUT" ? "update" : method === "DELETE" ? (name ? "delete" : "deletecollection") : "";
  if (!verb) throw new ApiError(statusErrors.methodNotAllowed().body);
  const fieldName = !name ? /(?:^|,)metadata\.name=([^,]+)/.exec(q.get("fieldSelector") ?? "")?.[1] : undefined;
  if (!allows(user.rules, { verb, group: def.group, resource: def.plural, subresource: sub, namespace, name: name ?? fieldName })) {
    throw new ApiError(statusErrors.forbidden(user.user, verb, { plural: def.plural, group: def.group, sub }, namespace, name).body);
  }
  const c = ctx.cluster;
  const table = wantsTable(req.headers.accept);
  const include = q.get("includeObject") ?? "Metadata";
  const dryRun = q.getAll("dryRun").includes("All");
  if (dryRun && q.getAll("dryRun").some((v) => v !== "All")) throw new ApiError(statusErrors.badRequest("Invalid dry run value").body);
  switch (verb) {
    case "list": {
      const matcher = makeMatcher(q.get("labelSelector") ?? undefined, q.get("fieldSelector") ?? undefined, def.kind);
      const limit = q.has("limit") ? Number(q.get("limit")) : undefined;
      const page = listPage(c, def, namespace, matcher, limit, q.get("continue") ?? undefined);
      if (table) return sendJson(res, 200, tableOf(def.kind, page.entries.map((e) => e.obj), page.meta, include, c.now()));
      return sendJson(res, 200, listJson(def, page));
    }
    case "watch": {
      const matcher = makeMatcher(q.get("labelSelector") ?? undefined, q.get("fieldSelector") ?? undefined, def.kind);
      return ctx.watches.serve(req, res, {
        resource: def.plural,
        kind: def.kind,
        apiVersion: apiVersionOf(def),
        namespace,
        matcher,
        resourceVersion: q.get("resourceVersion") ?? undefined,
        bookmarks: truthy(q.get("allowWatchBookmarks")),
        timeoutSeconds: q.has("timeoutSeconds") ? Number(q.get("timeoutSeconds")) : undefined,
        bookmarkEveryMs: ctx.bookmarkEveryMs,
        table: table ? (obj, first) => JSON.stringify(tableOf(def.kind, [obj], { resourceVersion: obj.metadata.resourceVersion ?? "" }, include, c.now(), first)) : undefined,
      });
    }
    case "get": {
      if (sub === "log") {
        const pod = getObject(c, def, namespace, name!);
        const container = q.get("container") ?? undefined;
        if (container && !pod.spec.containers.some((x: { name: string }) => x.name === container)) {
          throw new ApiError(statusErrors.badRequest(`container ${container} is not valid for pod ${name}`).body);
        }
        if (truthy(q.get("follow"))) {
          res.writeHead(200, { "content-type": "text/plain", "transfer-encoding": "chunked" });
          res.write(podLogs(c, pod, container, q));
          return followLogs(c, pod, container, res, q.get("timestamps") === "true");
        }
        res.writeHead(200, { "content-type": "text/plain" });
        return void res.end(podLogs(c, pod, container, q));
      }
      if (sub === "scale") return sendJson(res, 200, scaleOf(getObject(c, def, namespace, name!)));
      const json = c.store.getJson(def.plural, namespace, name!);
      if (!json) throw new ApiError(statusErrors.notFound(def, name!).body);
      if (table) return sendJson(res, 200, tableOf(def.kind, [getObject(c, def, namespace, name!)], { resourceVersion: String(c.store.currentRv()) }, include, c.now()));
      return sendJson(res, 200, json);
    }
    case "create": {
      if (name) throw new ApiError(statusErrors.methodNotAllowed().body);
      const body = await readJson(req);
      return sendJson(res, 201, createObject(c, def, namespace, body, dryRun));
    }
    case "patch": {
      const type = patchTypeOf(req.headers["content-type"]);
      const body = await readJson(req);
      return sendJson(res, 200, patchObject(c, def, namespace, name!, sub, type, body, dryRun));
    }
    case "update": {
      const body = await readJson(req);
      return sendJson(res, 200, updateObject(c, def, namespace, name!, sub, body, dryRun));
    }
    case "delete": {
      // kubectl sends DeleteOptions in the body (dryRun, gracePeriodSeconds, propagationPolicy)
      const body = (await readJson(req)) as { gracePeriodSeconds?: number; dryRun?: string[] } | undefined;
      const grace = q.has("gracePeriodSeconds") ? Number(q.get("gracePeriodSeconds")) : body?.gracePeriodSeconds;
      return sendJson(res, 200, deleteObject(c, def, namespace, name!, dryRun || (body?.dryRun ?? []).includes("All"), grace));
    }
    default:
      throw new ApiError(statusErrors.methodNotAllowed().body);
  }
}
