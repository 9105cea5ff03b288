/**
 * One cluster's object store: every Kubernetes object as JSON-able data, a resourceVersion counter,
 * and a bounded event log that watches replay from. Objects are serialised once per change so a
 * LIST of thousands of pods is a string join, not thousands of JSON.stringify calls.
 */

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [k: string]: unknown;
};

export type Metadata = {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  generateName?: string;
  [k: string]: unknown;
};

export type OwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoredEvent {
  rv: number;
  type: WatchEventType;
  resource: string;
  namespace: string | undefined;
  obj: K8sObject;
  json: string;
  /** the object's JSON before this change (MODIFIED only): watches with selectors need it */
  prevJson?: string;
}

interface Entry {
  obj: K8sObject;
  json: string;
}

type Listener = (ev: StoredEvent) => void;

export class ObjectStore {
  private readonly byResource = new Map<string, Map<string, Entry>>();
  private readonly log: StoredEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv: number;
  /** watches asking for a resourceVersion older than this get 410 Expired */
  private compactedRv: number;
  private uidCounter = 0;

  constructor(
    readonly cluster: string,
    private readonly maxLog = 20_000,
    startRv = 1000,
  ) {
    this.rv = startRv;
    this.compactedRv = startRv;
  }

  currentRv(): number {
    return this.rv;
  }

  oldestRv(): number {
    return this.compactedRv;
  }

  /** Forget history: every watch resuming from before now gets 410 Expired. */
  compact(): void {
    this.compactedRv = this.rv;
    this.log.length = 0;
  }

  newUid(): string {
    this.uidCounter++;
    const h = fnv(`${this.cluster}/${this.uidCounter}`);
    const hex = (h.toString(16) + fnv(`${h}`).toString(16) + fnv(`${this.uidCounter}x`).toString(16) + fnv(`y${h}`).toString(16)).padEnd(32, "0");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private table(resource: string): Map<string, Entry> {
    let t = this.byResource.get(resource);
    if (!t) {
      t = new Map();
      this.byResource.set(resource, t);
    }
    return t;
  }

  static key(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  get(resource: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.byResource.get(resource)?.get(ObjectStore.key(namespace, name))?.obj;
  }

  getJson(resource: string, namespace: string | undefined, name: string): string | undefined {
    return this.byResource.get(resource)?.get(ObjectStore.key(namespace, name))?.json;
  }

  /** All entries of a resource (optionally one namespace), sorted by namespace/name. */
  list(resource: string, namespace?: string): Array<{ obj: K8sObject; json: string }> {
    const t = this.byResource.get(resource);
    if (!t) return [];
    const out: Entry[] = [];
    for (const [k, e] of t) {
      if (namespace && e.obj.metadata.namespace !== namespace) continue;
      out.push(e);
      void k;
    }
    out.sort((a, b) => cmpKey(a.obj, b.obj));
    return out;
  }

  objects(resource: string, namespace?: string): K8sObject[] {
    const t = this.byResource.get(resource);
    if (!t) return [];
    const out: K8sObject[] = [];
    for (const e of t.values()) if (!namespace || e.obj.metadata.namespace === namespace) out.push(e.obj);
    return out;
  }

  count(resource: string): number {
    return this.byResource.get(resource)?.size ?? 0;
  }

  /** Create or replace an object: bumps resourceVersion, re-serialises, notifies watches. */
  put(resource: string, obj: K8sObject): K8sObject {
    const t = this.table(resource);
    const key = ObjectStore.key(obj.metadata.namespace, obj.metadata.name);
    const prevJson = t.get(key)?.json;
    const existed = prevJson !== undefined;
    this.rv++;
    if (!obj.metadata.uid) obj.metadata.uid = this.newUid();
    obj.metadata.resourceVersion = String(this.rv);
    const json = JSON.stringify(obj);
    t.set(key, { obj, json });
    this.emit({ rv: this.rv, type: existed ? "MODIFIED" : "ADDED", resource, namespace: obj.metadata.namespace, obj, json, prevJson });
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): K8sObject | undefined {
    const t = this.byResource.get(resource);
    const key = ObjectStore.key(namespace, name);
    const e = t?.get(key);
    if (!t || !e) return undefined;
    t.delete(key);
    this.rv++;
    const obj = e.obj;
    obj.metadata.resourceVersion = String(this.rv);
    const json = JSON.stringify(obj);
    this.emit({ rv: this.rv, type: "DELETED", resource, namespace, obj, json });
    return obj;
  }

  private emit(ev: StoredEvent): void {
    this.log.push({ ...ev, prevJson: undefined });
    if (this.log.length > this.maxLog) {
      const drop = this.log.splice(0, this.log.length - this.maxLog);
      this.compactedRv = drop[drop.length - 1]!.rv;
    }
    for (const l of this.listeners) l(ev);
  }

  /** Events after `rv` for a resource; undefined when `rv` is older than the retained history. */
  since(resource: string, rv: number): StoredEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    const out: StoredEvent[] = [];
    // binary search the first event with ev.rv > rv
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.log.length; i++) if (this.log[i]!.resource === resource) out.push(this.log[i]!);
    return out;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export function cmpKey(a: K8sObject, b: K8sObject): number {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** 32-bit FNV-1a. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SAFE = "bcdfghjklmnpqrstvwxz2456789";
/** Kubernetes' SafeEncodeString alphabet, for pod-template-hash and generated name suffixes. */
export function safeString(n: number, len: number): string {
  let out = "";
  let x = n >>> 0;
  for (let i = 0; i < len; i++) {
    out += SAFE[x % SAFE.length];
    x = Math.floor(x / SAFE.length) ^ Math.imul(x, 2654435761) >>> 7;
    x >>>= 0;
  }
  return out;
}
