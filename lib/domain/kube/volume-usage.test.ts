import { describe, expect, it } from "vitest";
import type { PvcRow } from "./summary";
import { volumeUsage, withVolumeUsage, type DiskRule } from "./volume-usage";

const GiB = 1024 ** 3;
const rule: DiskRule = { comparison: ">", threshold: 85, action: "Scale volume" };
// labels as Prometheus returns kubelet_volume_stats_* (job/instance/node ride along)
const lbl = (cluster: string, claim: string, namespace = "grio") => ({
  __name__: "kubelet_volume_stats_used_bytes", cluster, namespace, persistentvolumeclaim: claim, node: "n1", job: "kubelet", instance: "10.0.0.1:10250",
});
const pvc = (cluster: string, name: string, namespace = "grio"): PvcRow => ({
  cluster, namespace, name, phase: "Bound", capacity: "50Gi", requested: "50Gi", storageClass: "hcloud-volumes", volumeName: `pvc-${name}`, accessModes: ["ReadWriteOnce"], createdAt: 0,
});

describe("volumeUsage", () => {
  it("joins used and capacity per claim, gives the percent and flags > 85 % (not = 85 %), fullest first", () => {
    const rows = volumeUsage(
      [
        { labels: lbl("prod", "data-postgres-0"), value: 120 * GiB },
        { labels: lbl("prod", "data-minio-0"), value: 450 * GiB },
        { labels: lbl("staging", "data-minio-0"), value: 85 * GiB },
      ],
      [
        { labels: lbl("prod", "data-postgres-0"), value: 200 * GiB },
        { labels: lbl("prod", "data-minio-0"), value: 500 * GiB },
        { labels: lbl("staging", "data-minio-0"), value: 100 * GiB },
      ],
      rule,
    );
    expect(rows.map((r) => [r.cluster, r.claim, r.percent, r.full])).toEqual([
      ["prod", "data-minio-0", 90, true],
      ["staging", "data-minio-0", 85, false],
      ["prod", "data-postgres-0", 60, false],
    ]);
    expect(rows[0]).toMatchObject({ namespace: "grio", usedBytes: 450 * GiB, capacityBytes: 500 * GiB });
  });

  it("does not mix claims of the same name in different clusters or namespaces, and drops claims missing a side or with zero capacity", () => {
    const rows = volumeUsage(
      [
        { labels: lbl("prod", "data-0", "a"), value: 10 },
        { labels: lbl("prod", "data-0", "b"), value: 90 },
        { labels: lbl("prod", "orphan"), value: 5 },
        { labels: lbl("prod", "zero"), value: 5 },
        { labels: { namespace: "a", persistentvolumeclaim: "x" }, value: 1 },
      ],
      [
        { labels: lbl("prod", "data-0", "a"), value: 100 },
        { labels: lbl("prod", "data-0", "b"), value: 100 },
        { labels: lbl("prod", "zero"), value: 0 },
        { labels: { namespace: "a", persistentvolumeclaim: "x" }, value: 10 },
      ],
      rule,
    );
    expect(rows.map((r) => `${r.namespace}/${r.claim}:${r.percent}:${r.full}`)).toEqual(["b/data-0:90:true", "a/data-0:10:false"]);
  });

  it("follows an edited threshold (>= 80)", () => {
    const rows = volumeUsage([{ labels: lbl("prod", "c"), value: 80 }], [{ labels: lbl("prod", "c"), value: 100 }], { comparison: ">=", threshold: 80, action: "Scale volume" });
    expect(rows[0]!.full).toBe(true);
  });
});

describe("withVolumeUsage", () => {
  it("attaches usage to the matching claim, fullest first, claims without usage last by name", () => {
    const usage = volumeUsage(
      [{ labels: lbl("prod", "data-postgres-0"), value: 60 }, { labels: lbl("prod", "data-minio-0"), value: 90 }],
      [{ labels: lbl("prod", "data-postgres-0"), value: 100 }, { labels: lbl("prod", "data-minio-0"), value: 100 }],
      rule,
    );
    const rows = withVolumeUsage([pvc("prod", "scratch"), pvc("prod", "data-postgres-0"), pvc("edge", "cache"), pvc("prod", "data-minio-0")], usage);
    expect(rows.map((r) => [r.cluster, r.name, r.usage?.percent ?? null])).toEqual([
      ["prod", "data-minio-0", 90],
      ["prod", "data-postgres-0", 60],
      ["edge", "cache", null],
      ["prod", "scratch", null],
    ]);
  });

  it("keeps every claim when Prometheus gave nothing", () => {
    expect(withVolumeUsage([pvc("prod", "a")], []).map((r) => r.usage)).toEqual([null]);
  });
});
