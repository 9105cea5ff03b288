/** The default estate: deterministic under the seed, with the shape and the trouble the issue lists. */
import { describe, expect, it } from "vitest";
import { Estate } from "./estate";

const start = Date.UTC(2026, 11, 4, 6, 0, 0);

describe("the estate model", () => {
  it("is the same estate for the same seed, and a different one for another seed", () => {
    const names = (seed: number) => {
      const e = new Estate({ seed, now: start });
      return [...e.clusters.values()].flatMap((c) => [...c.store.objects("nodes"), ...c.store.objects("pods")].map((o) => `${c.name}/${o.metadata.name}/${o.spec.nodeName ?? ""}`)).sort();
    };
    expect(names(9)).toEqual(names(9));
    expect(names(9)).not.toEqual(names(10));
  });

  it("has the clusters, edge sites, workloads and history the issue describes", () => {
    const e = new Estate({ seed: 1, now: start });
    expect([...e.clusters.keys()]).toEqual(["hetzner-prod", "hetzner-staging", "ministry-onprem"]);
    const prod = e.cluster("hetzner-prod");
    const nodes = prod.store.objects("nodes");
    expect(nodes.filter((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] === "true")).toHaveLength(3);
    expect(e.sites).toHaveLength(12);
    expect(new Set(e.sites.map((s) => s.district))).toEqual(new Set(["Kampala", "Gulu", "Mbarara"]));
    const silent = e.sites.filter((s) => s.silentSince !== undefined);
    expect(silent).toHaveLength(2);
    expect(silent.every((s) => s.syncInterval === "daily" && Math.round((start - s.silentSince!) / 86_400_000) === 9)).toBe(true);
    const archs = new Set(nodes.filter((n) => n.metadata.labels?.["grio.io/tier"] === "edge").map((n) => n.metadata.labels?.["kubernetes.io/arch"]));
    expect(archs).toEqual(new Set(["arm64", "amd64"]));
    expect(e.cluster("hetzner-staging").store.objects("nodes")).toHaveLength(1);
    expect(e.cluster("ministry-onprem").store.objects("nodes")).toHaveLength(3);
    const hpa = prod.store.get("horizontalpodautoscalers", "grio", "django-api")!;
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 8]);
    const revisions = prod.store.objects("replicasets", "grio").filter((r) => r.metadata.labels?.app === "django-api").map((r) => Number(r.metadata.annotations?.["deployment.kubernetes.io/revision"]));
    expect(revisions.sort()).toEqual([1, 2, 3, 4]);
    const img = (c: string) => e.cluster(c).store.get("deployments", "grio", "django-api")!.spec.template.spec.containers[0].image as string;
    expect(img("hetzner-staging")).not.toBe(img("hetzner-prod"));
    expect(e.cluster("hetzner-staging").store.get("deployments", "grio", "django-api")!.spec.replicas).toBe(1);
    for (const w of ["backup-postgres", "qdrant-snapshot", "restore-test"]) expect(prod.store.get("cronjobs", "grio", w)).toBeDefined();
    expect(prod.store.get("cronjobs", "grio", "backup-postgres")!.spec.schedule).toBe("0 2 * * *");
    for (const s of ["qdrant", "postgres", "minio"]) expect(prod.store.get("statefulsets", "grio", s)?.status.readyReplicas).toBe(1);
    const view = e.view();
    const disks = view.nodes("hetzner-prod").map((n) => Math.round((n.diskUsedBytes / n.diskTotalBytes) * 100));
    expect(disks).toContain(88);
    expect(disks).toContain(95);
    expect(view.nodes("hetzner-prod").filter((n) => n.diskPressure).map((n) => n.name)).toEqual(["hetzner-prod-server-3"]);
    expect(view.serviceUp("django-api")).toBe(true);
    e.setServiceDown("django-api", true);
    expect(view.serviceUp("django-api")).toBe(false);
  });
});

describe("a node that stops reporting", () => {
  it("marks its pods NotReady at once, evicts them after 300 s (Terminating while the node is away) and replaces them elsewhere", () => {
    const e = new Estate({ seed: 4, now: start, podStartMs: 200 });
    const c = e.cluster("hetzner-prod");
    const at = (s: number) => {
      c.clockOverride = start + s * 1000;
      c.reconcile(true);
    };
    at(1);
    const victim = c.store.objects("pods", "grio").find((p) => p.metadata.labels?.app === "django-api")!;
    const node = victim.spec.nodeName as string;
    c.nodeSim.get(node)!.silentSince = start + 2000;
    c.nodesDirty = true;
    at(3);
    expect(c.store.get("nodes", undefined, node)!.status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("Unknown");
    expect(victim.status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("False");
    expect(victim.metadata.deletionTimestamp).toBeUndefined();
    for (let s = 4; s <= 300; s += 37) at(s);
    for (let s = 302; s <= 312; s += 2) at(s);
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(c.store.get("pods", "grio", victim.metadata.name)).toBeDefined(); // still Terminating
    const api = c.store.objects("pods", "grio").filter((p) => p.metadata.labels?.app === "django-api" && !p.metadata.deletionTimestamp);
    expect(api).toHaveLength(3);
    expect(api.every((p) => p.spec.nodeName !== node)).toBe(true);
  });
});

describe("a rollout stuck on an image the registry lacks", () => {
  it("keeps the old pods serving (maxUnavailable 0): a deleted old pod is replaced by the old ReplicaSet", () => {
    const e = new Estate({ seed: 6, now: start, podStartMs: 200 });
    const c = e.cluster("hetzner-prod");
    const rs = () => c.store.objects("replicasets", "grio").filter((r) => r.metadata.labels?.app === "nextjs-web").map((r) => [r.spec.template.spec.containers[0].image.split(":")[1], r.spec.replicas]);
    expect(rs()).toEqual(expect.arrayContaining([["52be0f3", 2], ["8c1d4e7", 1]]));
    const old = c.store.objects("pods", "grio").find((p) => p.spec.containers[0].image.endsWith(":52be0f3"))!;
    c.store.remove("pods", "grio", old.metadata.name);
    for (let s = 1; s <= 10; s++) {
      c.clockOverride = start + s * 1000;
      c.reconcile(true);
    }
    expect(rs()).toEqual(expect.arrayContaining([["52be0f3", 2], ["8c1d4e7", 1]]));
    const d = c.store.get("deployments", "grio", "nextjs-web")!;
    expect(d.status.availableReplicas).toBe(2);
  });
});
