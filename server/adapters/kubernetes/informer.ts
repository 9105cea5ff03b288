import { UpstreamError } from "@/server/adapters/errors";
import { kubeGetJson, kubeWatch, type KubeTarget } from "./http";

/**
 * One shared list+watch cache for one resource in one cluster: list (paged), then watch from the
 * list's resourceVersion; re-list after 410 Gone; back off (0.5 s … 30 s) on errors. A watch the
 * server closes long before its timeout counts as lost (the cluster shows "reconnecting"). Holds slim
 * objects only. Every viewer reads this cache; viewers never cause API requests.
 */
export interface InformerState {
  /** listed at least once (data may be stale when `error` is set) */
  synced: boolean;
  /** the watch is established right now */
  watching: boolean;
  /** when the watch was lost (null while watching) */
  lostAt: number | null;
  error: string | null;
  /** consecutive failed attempts */
  failures: number;
  /** full lists done (the first, and every re-list after 410) */
  lists: number;
}

export interface InformerOptions<T> {
  target: KubeTarget;
  /** e.g. /api/v1/pods or /apis/apps/v1/deployments */
  path: string;
  slim: (raw: unknown) => T;
  /** called after every change to the store (already applied) */
  onChange: (kind: "add" | "update" | "delete" | "relist", next: T | null, previous: T | null) => void;
  onState: () => void;
  /** server-side watch timeout; the watch is re-opened after it */
  watchTimeoutSeconds?: number;
  pageSize?: number;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];
type Meta = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };
const keyOf = (o: unknown) => {
  const m = (o as Meta).metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : String(m.name);
};

const sameSlim = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class Informer<T> {
  readonly store = new Map<string, T>();
  readonly state: InformerState = { synced: false, watching: false, lostAt: null, error: null, failures: 0, lists: 0 };
  private resourceVersion = "";
  private stopped = false;
  private abortWatch: (() => void) | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly o: InformerOptions<T>) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abortWatch?.();
    this.wake?.();
  }

  private setState(patch: Partial<InformerState>) {
    Object.assign(this.state, patch);
    this.o.onState();
  }

  private async sleep(ms: number) {
    await new Promise<void>((r) => {
      const timer = setTimeout(r, ms);
      timer.unref?.();
      this.wake = () => { clearTimeout(timer); r(); };
    });
    this.wake = null;
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        const result = await this.watchOnce();
        if (result === "gone") needList = true;
      } catch (e) {
        const err = e instanceof UpstreamError ? e : new UpstreamError("kubernetes", e instanceof Error ? e.message : String(e), { instance: this.o.target.cluster });
        if (err.status === 410) {
          needList = true;
          continue;
        }
        const failures = this.state.failures + 1;
        const error = err.status ? `HTTP ${err.status}: ${err.message}` : err.message;
        this.setState({ watching: false, lostAt: this.state.lostAt ?? Date.now(), error, failures });
        await this.sleep(BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)]!);
      }
    }
  }

  private async list(): Promise<void> {
    const fresh = new Map<string, T>();
    let cont = "";
    let rv = "";
    const limit = this.o.pageSize ?? 500;
    do {
      const q = `?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ""}`;
      const page = (await kubeGetJson(this.o.target, this.o.path + q)) as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };
      for (const item of page.items ?? []) fresh.set(keyOf(item), this.o.slim(item));
      cont = page.metadata?.continue ?? "";
      rv = page.metadata?.resourceVersion ?? rv;
    } while (cont && !this.stopped);
    // Replay the difference as changes, so trackers (restarts, scale) see a re-list like a watch.
    const previous = new Map(this.store);
    this.store.clear();
    for (const [k, v] of fresh) {
      this.store.set(k, v);
      const before = previous.get(k) ?? null;
      previous.delete(k);
      this.o.onChange(before ? "update" : "add", v, before);
    }
    for (const before of previous.values()) this.o.onChange("delete", null, before);
    this.resourceVersion = rv;
    this.state.synced = true;
    this.state.lists++;
    this.o.onChange("relist", null, null);
  }

  /** One watch connection; "gone" when the resourceVersion expired (410) and a re-list is needed. */
  private async watchOnce(): Promise<"ended" | "gone"> {
    const timeout = this.o.watchTimeoutSeconds ?? 300;
    const path = `${this.o.path}?watch=1&allowWatchBookmarks=true&timeoutSeconds=${timeout}&resourceVersion=${encodeURIComponent(this.resourceVersion)}`;
    let gone = false;
    const handle = await kubeWatch(this.o.target, path, (type, object) => {
      if (type === "ERROR") {
        const code = (object as { code?: number }).code;
        if (code === 410) gone = true;
        handle.abort();
        return;
      }
      const rv = (object as Meta).metadata?.resourceVersion;
      if (rv) this.resourceVersion = rv;
      if (type === "BOOKMARK") return;
      const key = keyOf(object);
      const previous = this.store.get(key) ?? null;
      if (type === "DELETED") {
        this.store.delete(key);
        this.o.onChange("delete", null, previous);
      } else if (type === "ADDED" || type === "MODIFIED") {
        const next = this.o.slim(object);
        // Most updates touch fields the console drops (heartbeats, managed fields, resourceVersion):
        // the slim object is unchanged, so keep the old one (summaries memoize by identity) and
        // report no change, sparing a summary rebuild.
        if (previous && sameSlim(previous, next)) return;
        this.store.set(key, next);
        this.o.onChange(previous ? "update" : "add", next, previous);
      }
    }, (timeout + 30) * 1000);
    this.abortWatch = handle.abort;
    await handle.connected;
    this.setState({ watching: true, lostAt: null, error: null, failures: 0 });
    const openedAt = Date.now();
    const err = await handle.done;
    this.abortWatch = null;
    if (gone) return "gone";
    if (err) throw err;
    if (!this.stopped && Date.now() - openedAt < timeout * 1000 * 0.9) {
      throw new UpstreamError("kubernetes", "the API server closed the watch early", { instance: this.o.target.cluster });
    }
    return "ended";
  }
}
