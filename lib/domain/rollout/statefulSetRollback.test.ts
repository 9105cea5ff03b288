import { describe, expect, it } from "vitest";
import type { V1ControllerRevision, V1StatefulSet } from "@kubernetes/client-node";
import { planStatefulSetRollback, statefulSetHistory } from "./statefulSetRollback";

const tpl = (image: string) => ({ metadata: { labels: { app: "qdrant" } }, spec: { containers: [{ name: "qdrant", image }] } });
const sts = (image: string): V1StatefulSet => ({ metadata: { name: "qdrant", uid: "s1" }, spec: { selector: {}, serviceName: "qdrant", template: tpl(image) } });
const rev = (n: number, image: string): V1ControllerRevision => ({
  metadata: { name: `qdrant-${n}`, ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "qdrant", uid: "s1", controller: true }] },
  revision: n,
  data: { spec: { template: { ...tpl(image), $patch: "replace" } } },
});
const revisions = [rev(1, "qdrant/qdrant:v1.11"), rev(2, "qdrant/qdrant:v1.12")];

describe("planStatefulSetRollback (kubectl rollout undo statefulset)", () => {
  it("patches with the previous ControllerRevision's data", () => {
    const plan = planStatefulSetRollback(sts("qdrant/qdrant:v1.12"), revisions);
    expect(plan.kind).toBe("patch");
    expect(plan.kind === "patch" && plan.patch).toEqual(revisions[0]?.data);
    expect(plan.kind === "patch" && plan.template.spec?.containers[0]?.image).toBe("qdrant/qdrant:v1.11");
  });

  it("skips when the revision matches, refuses with one revision or an unknown one", () => {
    expect(planStatefulSetRollback(sts("qdrant/qdrant:v1.12"), revisions, 2).kind).toBe("skip");
    expect(planStatefulSetRollback(sts("qdrant/qdrant:v1.12"), [revisions[1]!])).toEqual({ kind: "refused", message: "no last revision to roll back to" });
    expect(planStatefulSetRollback(sts("qdrant/qdrant:v1.12"), revisions, 5).kind).toBe("refused");
  });

  it("lists history with the current revision marked", () => {
    const h = statefulSetHistory(sts("qdrant/qdrant:v1.12"), revisions);
    expect(h.map((r) => [r.revision, r.current, r.images[0]?.image])).toEqual([
      [1, false, "qdrant/qdrant:v1.11"],
      [2, true, "qdrant/qdrant:v1.12"],
    ]);
  });
});
