/**
 * @kubernetes/client-node 1.4 against the sim: typed lists through the kubeconfig, an Informer that
 * survives dropped watches and a 410 Expired (it re-lists), PATCH flavours, Status errors, counting.
 */
import * as k8s from "@kubernetes/client-node";
import type http from "node:http";
import https from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "@/server/testing/ports";
import { startSim, type SimHandle } from "../../sim/index";

let sim: SimHandle;
let dir: string;
let kc: k8s.KubeConfig;

const until = <T,>(probe: () => T | undefined | false, timeoutMs = 15_000) => pollUntil(probe, timeoutMs, 100);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-client-node-"));
  sim = await startSim({ seed: 11, podStartMs: 200, outDir: dir, bookmarkEveryMs: 500 });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(sim.estate.kubeconfig);
});

afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("@kubernetes/client-node against the sim", () => {
  it("has one context per cluster and lists typed objects with selectors and pages", async () => {
    expect(kc.getContexts().map((c) => c.name).sort()).toEqual(["hetzner-prod", "hetzner-staging", "ministry-onprem"]);
    kc.setCurrentContext("hetzner-staging");
    const staging = kc.makeApiClient(k8s.AppsV1Api);
    const dep = await staging.readNamespacedDeployment({ name: "django-api", namespace: "grio" });
    expect(dep.spec?.replicas).toBe(1);
    kc.setCurrentContext("hetzner-prod");
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const edge = await core.listNode({ labelSelector: "grio.io/tier=edge,grio.io/district in (Gulu)" });
    expect(edge.items.length).toBe(4);
    const page1 = await core.listPodForAllNamespaces({ limit: 5 });
    expect(page1.items).toHaveLength(5);
    expect(page1.metadata?._continue).toBeTruthy();
    const page2 = await core.listPodForAllNamespaces({ limit: 500, _continue: page1.metadata!._continue });
    const all = await core.listPodForAllNamespaces();
    expect(page1.items.length + page2.items.length).toBe(all.items.length);
    const onNode = await core.listPodForAllNamespaces({ fieldSelector: "spec.nodeName=hetzner-prod-agent-1" });
    expect(onNode.items.every((p) => p.spec?.nodeName === "hetzner-prod-agent-1")).toBe(true);
    const pending = await core.listNamespacedPod({ namespace: "grio", fieldSelector: "status.phase=Pending" });
    expect(pending.items.length).toBeGreaterThanOrEqual(1);
    const hpa = await kc.makeApiClient(k8s.AutoscalingV2Api).readNamespacedHorizontalPodAutoscaler({ name: "django-api", namespace: "grio" });
    expect([hpa.spec?.minReplicas, hpa.spec?.maxReplicas]).toEqual([2, 8]);
  });

  it("answers errors with Status objects: 404, 409 on a stale resourceVersion, 422", async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const err404 = await apps.readNamespacedDeployment({ name: "nope", namespace: "grio" }).catch((e: unknown) => e);
    expect((err404 as k8s.ApiException<unknown>).code).toBe(404);
    expect(JSON.parse((err404 as k8s.ApiException<string>).body)).toMatchObject({ kind: "Status", reason: "NotFound", message: 'deployments.apps "nope" not found', details: { name: "nope", group: "apps", kind: "deployments" } });
    const dep = await apps.readNamespacedDeployment({ name: "redis", namespace: "grio" });
    const stale = { ...dep, metadata: { ...dep.metadata, resourceVersion: "1" } };
    const err409 = await apps.replaceNamespacedDeployment({ name: "redis", namespace: "grio", body: stale }).catch((e: unknown) => e);
    expect((err409 as k8s.ApiException<unknown>).code).toBe(409);
    expect(JSON.parse((err409 as k8s.ApiException<string>).body).message).toContain("the object has been modified; please apply your changes to the latest version and try again");
    const err422 = await apps
      .patchNamespacedDeployment({ name: "redis", namespace: "grio", body: { spec: { replicas: -1 } } }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch))
      .catch((e: unknown) => e);
    expect((err422 as k8s.ApiException<unknown>).code).toBe(422);
  });

  it("an Informer keeps its cache through dropped watches and a 410 Expired re-list", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, "/api/v1/namespaces/grio/pods", () => core.listNamespacedPod({ namespace: "grio" }));
    const errors: unknown[] = [];
    informer.on("error", (e) => {
      errors.push(e);
      setTimeout(() => void informer.start(), 200);
    });
    await informer.start();
    try {
      const names = () => new Set(informer.list().map((p) => p.metadata!.name!));
      await until(() => informer.list().length > 0);
      const before = sim.k8sRequestCount("hetzner-prod");
      // a dropped watch: the informer re-watches from its resourceVersion and sees later changes
      sim.control.dropWatches("hetzner-prod");
      const redis = informer.list().find((p) => p.metadata?.labels?.app === "redis")!.metadata!.name!;
      await core.deleteNamespacedPod({ name: redis, namespace: "grio" });
      await until(() => !names().has(redis) && [...names()].some((n) => n.startsWith("redis-")));
      // history expired: resuming from the old resourceVersion gets 410 → the informer lists again
      sim.control.expireWatches("hetzner-prod");
      const web = informer.list().find((p) => p.metadata?.labels?.app === "nextjs-web" && p.status?.phase === "Running")!.metadata!.name!;
      await core.deleteNamespacedPod({ name: web, namespace: "grio" });
      await until(() => !names().has(web), 20_000);
      expect(sim.k8sRequestCount("hetzner-prod")).toBeGreaterThan(before);
      const truth = (await core.listNamespacedPod({ namespace: "grio" })).items.map((p) => p.metadata!.name!).sort();
      await until(() => JSON.stringify([...names()].sort()) === JSON.stringify(truth) || undefined, 10_000);
    } finally {
      await informer.stop();
    }
  });

  it("a watch with a selector sees objects enter (ADDED) and leave (DELETED) the selection", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: "grio", labelSelector: "app=redis", fieldSelector: "status.phase=Running" });
    const old = list.items[0]!.metadata!.name!;
    const events: Array<[string, string, string | undefined]> = [];
    const ctl = await new k8s.Watch(kc).watch(
      "/api/v1/namespaces/grio/pods",
      { labelSelector: "app=redis", fieldSelector: "status.phase=Running", resourceVersion: list.metadata!.resourceVersion },
      (type, obj: k8s.V1Pod) => events.push([type, obj.metadata!.name!, obj.status?.phase]),
      () => undefined,
    );
    try {
      await core.deleteNamespacedPod({ name: old, namespace: "grio", gracePeriodSeconds: 0 });
      const added = await until(() => events.find(([t, n]) => t === "ADDED" && n !== old));
      expect(added[2]).toBe("Running"); // not when it was created Pending
      expect(events.find(([t, n]) => t === "DELETED" && n === old)).toBeDefined();
    } finally {
      ctl.abort();
    }
  });

  it("a watch from a too-old resourceVersion gets an ERROR event with a 410 Expired Status", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const rv = (await core.listNamespacedPod({ namespace: "grio" })).metadata!.resourceVersion!;
    sim.control.expireWatches("hetzner-prod");
    await kc.makeApiClient(k8s.AppsV1Api).patchNamespacedDeployment(
      { name: "redis", namespace: "grio", body: { metadata: { annotations: { touched: "yes" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch),
    );
    const events: Array<{ type: string; obj: { code?: number; reason?: string } }> = [];
    await new Promise<void>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch("/api/v1/namespaces/grio/pods", { resourceVersion: String(Number(rv) - 1), allowWatchBookmarks: true }, (type, obj) => events.push({ type, obj }), () => resolve())
        .catch(reject);
    });
    expect(events[0]).toMatchObject({ type: "ERROR", obj: { code: 410, reason: "Expired" } });
  });

  it("a watch that times out while its client is not reading ends cleanly: no bookmark is written after the end", async () => {
    kc.setCurrentContext("hetzner-prod");
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    // every pod of the cluster: enough initial events to fill the socket buffers of a client that is not reading
    const url = new URL(`${kc.getCurrentCluster()!.server}/api/v1/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=1`);
    const req = https.request(url, opts);
    req.end();
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => req.on("response", resolve).on("error", reject));
    res.pause();
    await new Promise((r) => setTimeout(r, 2500)); // the watch times out at 1 s; bookmarks fall due every 500 ms
    let bytes = 0;
    res.on("data", (d: Buffer) => (bytes += d.length));
    res.resume();
    await new Promise((r) => res.on("end", r));
    expect(res.statusCode).toBe(200);
    expect(bytes).toBeGreaterThan(0);
    // the sim is still serving
    const core = kc.makeApiClient(k8s.CoreV1Api);
    expect((await core.listNamespacedPod({ namespace: "grio", limit: 1 })).items).toHaveLength(1);
  });
});
