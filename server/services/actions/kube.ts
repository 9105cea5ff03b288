import {
  ApiException,
  type AppsV1Api,
  type AutoscalingV2Api,
  type BatchV1Api,
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1LabelSelector,
} from "@kubernetes/client-node";
import { UpstreamError } from "@/server/adapters/errors";
import { countUpstreamCall, upstreamOutcomeOf } from "@/server/observability/metrics";

/**
 * What an action needs from one cluster: its identity and the API clients for writes (and fresh
 * reads for planning). Resolved from the cluster registry (server/services/actions/clusters.ts).
 */
export interface ActionCluster {
  name: string;
  displayName: string;
  production: boolean;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  autoscaling: AutoscalingV2Api;
}

export const FIELD_MANAGER = "grio-ops";

export const jsonPatch = setHeaderOptions("Content-Type", PatchStrategy.JsonPatch);
export const strategicMergePatch = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);
export const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

/** The Status message from an API error body (JSON `{"kind":"Status","message":…}`), else the raw text. */
function statusMessage(body: unknown, fallback: string): string {
  if (typeof body === "string") {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (typeof parsed.message === "string" && parsed.message) return parsed.message;
    } catch {
      /* not JSON */
    }
    return body.trim().slice(0, 300) || fallback;
  }
  if (body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string") {
    return (body as { message: string }).message;
  }
  return fallback;
}

/** Any failure of a Kubernetes API call, as an UpstreamError naming the cluster. */
export function kubeError(cluster: string, e: unknown): UpstreamError {
  if (e instanceof UpstreamError) return e;
  if (e instanceof ApiException) {
    return new UpstreamError("kubernetes", statusMessage(e.body, `HTTP ${e.code}`), { instance: cluster, status: e.code, cause: e });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new UpstreamError("kubernetes", msg, { instance: cluster, cause: e });
}

/** One API call may take this long; an action's audit time limit allows a few of them. */
export const CALL_TIMEOUT_MS = 8_000;

/** Run one API call; failures (and no answer in time) become UpstreamError (source kubernetes, instance = cluster). */
export async function kube<T>(cluster: ActionCluster, call: () => Promise<T>, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamError("kubernetes", `no answer within ${timeoutMs / 1000} s`, { instance: cluster.name })), timeoutMs);
  });
  try {
    const result = await Promise.race([call(), limit]);
    countUpstreamCall("kubernetes", "ok", performance.now() - t0);
    return result;
  } catch (e) {
    const err = kubeError(cluster.name, e);
    countUpstreamCall("kubernetes", upstreamOutcomeOf(err), performance.now() - t0);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A write that may meet a 409 (someone changed the object between our read and our write): re-read
 * and re-plan once, then report. `attempt` does the read + write.
 */
export async function withConflictRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof UpstreamError && e.status === 409) return attempt();
    throw e;
  }
}

/** metav1.FormatLabelSelector: "a=b,c in (d,e),!f" (the labelSelector query kubectl sends). */
export function labelSelectorString(sel: V1LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}=${v}`);
  for (const req of sel?.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort();
    if (req.operator === "In") parts.push(`${req.key} in (${values.join(",")})`);
    else if (req.operator === "NotIn") parts.push(`${req.key} notin (${values.join(",")})`);
    else if (req.operator === "Exists") parts.push(req.key);
    else if (req.operator === "DoesNotExist") parts.push(`!${req.key}`);
  }
  return parts.join(",");
}

/** Follows `continue` tokens, as kubectl's list does. */
export async function listAll<T>(
  list: (cont: string | undefined) => Promise<{ items: T[]; metadata?: { _continue?: string } }>,
): Promise<T[]> {
  const out: T[] = [];
  let cont: string | undefined;
  do {
    const page = await list(cont);
    out.push(...page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
  return out;
}
