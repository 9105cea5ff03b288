/** labelSelector and fieldSelector parsing and matching, as the apiserver accepts them. */
import type { K8sObject } from "../model/store";
import { ApiError, statusErrors } from "./status";

type Req = { key: string; op: "=" | "!=" | "in" | "notin" | "exists" | "!exists"; values: string[] };

export type Matcher = (obj: K8sObject) => boolean;

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseLabelSelector(sel: string | undefined): Req[] {
  if (!sel) return [];
  return splitTopLevel(sel).map((p) => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) return { key: m[1]!, op: m[2] as "in" | "notin", values: m[3]!.split(",").map((v) => v.trim()).filter(Boolean) };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(p);
    if (m) return { key: m[1]!, op: m[2] === "!=" ? "!=" : "=", values: [m[3]!] };
    m = /^(!?)([\w./-]+)$/.exec(p);
    if (m) return { key: m[2]!, op: m[1] ? "!exists" : "exists", values: [] };
    throw new ApiError(statusErrors.badRequest(`unable to parse requirement: found '${p}', expected: identifier`).body);
  });
}

export function labelsMatch(reqs: Req[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (v !== r.values[0]) return false;
        break;
      case "!=":
        if (v === r.values[0]) return false;
        break;
      case "in":
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case "exists":
        if (v === undefined) return false;
        break;
      case "!exists":
        if (v !== undefined) return false;
        break;
    }
  }
  return true;
}

/** Field values an object exposes to fieldSelector (the ones the real apiserver indexes). */
export function fieldValue(obj: K8sObject, field: string): string | undefined {
  switch (field) {
    case "metadata.name":
      return obj.metadata.name;
    case "metadata.namespace":
      return obj.metadata.namespace ?? "";
    case "spec.nodeName":
      return obj.kind === "Pod" ? (obj.spec?.nodeName ?? "") : undefined;
    case "status.phase":
      return obj.kind === "Pod" ? (obj.status?.phase ?? "") : undefined;
    case "spec.unschedulable":
      return obj.kind === "Node" ? String(Boolean(obj.spec?.unschedulable)) : undefined;
    case "involvedObject.name":
    case "involvedObject.kind":
    case "involvedObject.namespace":
    case "involvedObject.uid":
      return obj.kind === "Event" ? String((obj.involvedObject as Record<string, unknown>)?.[field.split(".")[1]!] ?? "") : undefined;
    case "reason":
    case "type":
      return obj.kind === "Event" ? String(obj[field] ?? "") : undefined;
    case "status.successful":
      return obj.kind === "Job" ? String(obj.status?.succeeded ?? 0) : undefined;
    default:
      return undefined;
  }
}

export function parseFieldSelector(sel: string | undefined, kind: string): Array<{ field: string; neg: boolean; value: string }> {
  if (!sel) return [];
  return sel
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(p);
      if (!m) throw new ApiError(statusErrors.badRequest(`invalid selector: '${sel}'; can't understand '${p}'`).body);
      const probe = fieldValue({ apiVersion: "v1", kind, metadata: { name: "" }, spec: {}, status: {}, involvedObject: {} }, m[1]!);
      if (probe === undefined) throw new ApiError(statusErrors.badRequest(`field label not supported: ${m[1]}`).body);
      return { field: m[1]!, neg: m[2] === "!=", value: m[3]! };
    });
}

export function makeMatcher(labelSelector: string | undefined, fieldSelector: string | undefined, kind: string): Matcher | undefined {
  const lreqs = parseLabelSelector(labelSelector);
  const freqs = parseFieldSelector(fieldSelector, kind);
  if (lreqs.length === 0 && freqs.length === 0) return undefined;
  return (obj) => {
    if (!labelsMatch(lreqs, obj.metadata.labels)) return false;
    for (const f of freqs) {
      const v = fieldValue(obj, f.field);
      if ((v === f.value) === f.neg) return false;
    }
    return true;
  };
}

/** A LabelSelector object (matchLabels/matchExpressions) as the string form. */
export function selectorToString(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === "in" || op === "notin") parts.push(`${e.key} ${op} (${(e.values ?? []).join(",")})`);
    else if (op === "exists") parts.push(e.key);
    else if (op === "doesnotexist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}
