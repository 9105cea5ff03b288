import type { V1PodTemplateSpec } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { containerImages, withoutTemplateHash } from "./templates";

export interface ImageChange {
  container: string;
  from: string | null;
  to: string | null;
}

/** Per-container image changes going from `current` to `target` (unchanged containers omitted). */
export function imageDiff(current: V1PodTemplateSpec | undefined, target: V1PodTemplateSpec | undefined): ImageChange[] {
  const before = new Map(containerImages(current).map((c) => [c.container, c.image]));
  const after = new Map(containerImages(target).map((c) => [c.container, c.image]));
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names
    .map((container) => ({ container, from: before.get(container) ?? null, to: after.get(container) ?? null }))
    .filter((c) => c.from !== c.to);
}

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** Line diff of the two templates as YAML (pod-template-hash ignored), for the curious. */
export function templateDiff(current: V1PodTemplateSpec | undefined, target: V1PodTemplateSpec | undefined): DiffLine[] {
  const a = stringify(sortKeys(withoutTemplateHash(current))).split("\n");
  const b = stringify(sortKeys(withoutTemplateHash(target))).split("\n");
  return lineDiff(a, b);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined && (v as Record<string, unknown>)[k] !== null)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Longest-common-subsequence line diff (templates are small: a few hundred lines at most). */
export function lineDiff(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const at = (i: number, j: number) => lcs[i]?.[j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push({ kind: "removed", text: a[i++] ?? "" });
    } else {
      out.push({ kind: "added", text: b[j++] ?? "" });
    }
  }
  while (i < n) out.push({ kind: "removed", text: a[i++] ?? "" });
  while (j < m) out.push({ kind: "added", text: b[j++] ?? "" });
  return out;
}
