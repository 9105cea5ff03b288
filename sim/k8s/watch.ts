/** WATCH: chunked NDJSON streams of ADDED/MODIFIED/DELETED events, bookmarks, 410 Expired, drop on command. */
import type http from "node:http";
import type { ClusterModel } from "../model/cluster";
import type { K8sObject } from "../model/store";
import type { Matcher } from "./selectors";
import { statusErrors } from "./status";

export interface WatchRequest {
  resource: string;
  kind: string;
  apiVersion: string;
  namespace?: string;
  matcher?: Matcher;
  resourceVersion?: string;
  bookmarks: boolean;
  timeoutSeconds?: number;
  bookmarkEveryMs: number;
  /** `kubectl get -w` asks for Table rows: render each event's object as a one-row Table */
  table?: (obj: K8sObject, first: boolean) => string;
}

export class WatchHub {
  private readonly open = new Set<http.ServerResponse>();

  constructor(private readonly cluster: ClusterModel) {}

  get count(): number {
    return this.open.size;
  }

  /** End every open watch (clients see the stream close and re-watch). */
  dropAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  serve(req: http.IncomingMessage, res: http.ServerResponse, w: WatchRequest): void {
    const store = this.cluster.store;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private", "transfer-encoding": "chunked" });
    res.flushHeaders();
    let first = true;
    const send = (type: string, json: string, obj?: K8sObject) => {
      // ended (timeout, drop) but not yet closed: a bookmark or event due now has nowhere to go
      if (res.writableEnded || res.destroyed) return;
      if (w.table && obj && type !== "ERROR" && type !== "BOOKMARK") {
        json = w.table(obj, first);
        first = false;
      }
      res.write(`{"type":"${type}","object":${json}}\n`);
    };
    const rvParam = w.resourceVersion;
    const initial: Array<[string, string, K8sObject]> = [];
    if (rvParam === undefined || rvParam === "" || rvParam === "0") {
      for (const e of store.list(w.resource, w.namespace)) if (!w.matcher || w.matcher(e.obj)) initial.push(["ADDED", e.json, e.obj]);
    } else {
      const rv = Number(rvParam);
      const events = Number.isFinite(rv) ? store.since(w.resource, rv) : undefined;
      if (!events) {
        send("ERROR", JSON.stringify(statusErrors.expired(rv, store.currentRv()).body));
        res.end();
        return;
      }
      for (const ev of events) {
        if (ev.namespace !== undefined && w.namespace && ev.namespace !== w.namespace) continue;
        const obj = JSON.parse(ev.json) as K8sObject;
        if (w.matcher && !w.matcher(obj)) continue;
        initial.push([ev.type, ev.json, obj]);
      }
    }
    for (const [t, j, o] of initial) send(t, j, o);
    this.open.add(res);
    const unsubscribe = store.subscribe((ev) => {
      if (ev.resource !== w.resource || (w.namespace && ev.namespace !== w.namespace)) return;
      let type: string = ev.type;
      if (w.matcher) {
        // an object entering the selection is ADDED for this watch, one leaving it is DELETED
        const now = w.matcher(ev.obj);
        const before = ev.type === "MODIFIED" && ev.prevJson !== undefined ? w.matcher(JSON.parse(ev.prevJson) as K8sObject) : ev.type !== "ADDED" && now;
        if (!now && !before) return;
        if (ev.type === "MODIFIED" && now !== before) type = now ? "ADDED" : "DELETED";
      }
      send(type, ev.json, w.table ? (JSON.parse(ev.json) as K8sObject) : undefined);
    });
    const bookmark = w.bookmarks
      ? setInterval(() => send("BOOKMARK", `{"kind":"${w.kind}","apiVersion":"${w.apiVersion}","metadata":{"resourceVersion":"${store.currentRv()}","annotations":{"k8s.io/initial-events-end":"true"}}}`), w.bookmarkEveryMs)
      : undefined;
    const timeout = w.timeoutSeconds ? setTimeout(() => res.end(), w.timeoutSeconds * 1000) : undefined;
    const cleanup = () => {
      unsubscribe();
      if (bookmark) clearInterval(bookmark);
      if (timeout) clearTimeout(timeout);
      this.open.delete(res);
    };
    res.on("finish", cleanup);
    res.on("close", cleanup);
    res.on("error", cleanup);
    req.on("close", cleanup);
  }
}
