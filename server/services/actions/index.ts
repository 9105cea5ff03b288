import { DomainError } from "@/server/api/errors";
import type { AuditContext } from "@/server/services/audit";
import { actionCluster, promotionClusters } from "./clusters";
import { performRunCronJob, performSuspendCronJob } from "./cronjob";
import type { ActionCluster } from "./kube";
import { performCordon } from "./node";
import { performDeletePod } from "./pod";
import { performPromotion } from "./promote";
import { performQdrantSnapshot } from "./qdrantSnapshot";
import { performRestart } from "./restart";
import { performRollback, type WorkloadRef } from "./rollback";
import { actionTarget, runAction } from "./run";
import { performScale } from "./scale";

/**
 * Every action as the router calls it: resolve the cluster, check the typed confirmation on
 * production clusters, then run inside the audit envelope (run.ts).
 */
export interface Confirmation {
  reason?: string | null;
  idempotencyKey: string;
  /** the object's name as typed by the user; required on production clusters */
  confirmName?: string | null;
}

const MINUTE = 60_000;
/** Audit time limits: a pending row older than this is shown as interrupted. A simple write is a GET
 * and a PATCH (each ≤ 8 s, kube.ts); a rollback lists history and patches twice (dry run, real). */
const SIMPLE_WRITE_MS = 20_000;
const ROLLBACK_MS = 45_000;

function confirmed(c: { production: boolean; displayName: string }, objectName: string, conf: Confirmation) {
  if (c.production && conf.confirmName !== objectName) {
    throw new DomainError("PRECONDITION_FAILED", `${c.displayName} is a production cluster: type "${objectName}" to confirm.`);
  }
}

function req(c: ActionCluster, action: string, target: string, parameters: Record<string, unknown>, conf: Confirmation, timeLimitMs: number) {
  return { action, target, parameters: { cluster: c.name, ...parameters }, reason: conf.reason ?? null, idempotencyKey: conf.idempotencyKey, timeLimitMs };
}

/** The path every action on one object of one cluster takes: resolve the cluster, check the typed
 * confirmation, then perform inside the audit envelope. */
function objectAction<T>(
  ctx: AuditContext,
  cluster: string,
  object: { namespace: string | null; kind: string; name: string },
  action: string,
  parameters: Record<string, unknown>,
  conf: Confirmation,
  timeLimitMs: number,
  perform: (c: ActionCluster) => Promise<{ message: string; data: T }>,
) {
  const c = actionCluster(cluster);
  confirmed(c, object.name, conf);
  const target = actionTarget(c.name, object.namespace, object.kind, object.name);
  return runAction(ctx, req(c, action, target, parameters, conf, timeLimitMs), () => perform(c));
}

export async function rollback(ctx: AuditContext, cluster: string, ref: WorkloadRef, toRevision: number, conf: Confirmation) {
  return objectAction(ctx, cluster, ref, `${ref.kind.toLowerCase()}.rollback`, { ...ref, toRevision }, conf, ROLLBACK_MS, (c) =>
    performRollback(c, ref, toRevision),
  );
}

export async function restart(ctx: AuditContext, cluster: string, ref: WorkloadRef, conf: Confirmation) {
  return objectAction(ctx, cluster, ref, `${ref.kind.toLowerCase()}.restart`, { ...ref }, conf, SIMPLE_WRITE_MS, (c) =>
    performRestart(c, ref, new Date()),
  );
}

export async function scale(ctx: AuditContext, cluster: string, ref: WorkloadRef, replicas: number, conf: Confirmation) {
  return objectAction(ctx, cluster, ref, `${ref.kind.toLowerCase()}.scale`, { ...ref, replicas }, conf, SIMPLE_WRITE_MS, (c) =>
    performScale(c, ref, replicas),
  );
}

export async function deletePod(ctx: AuditContext, cluster: string, namespace: string, name: string, conf: Confirmation) {
  return objectAction(ctx, cluster, { namespace, kind: "Pod", name }, "pod.delete", { namespace, name }, conf, SIMPLE_WRITE_MS, (c) =>
    performDeletePod(c, namespace, name),
  );
}

export async function cordon(ctx: AuditContext, cluster: string, node: string, doCordon: boolean, conf: Confirmation) {
  return objectAction(ctx, cluster, { namespace: null, kind: "Node", name: node }, doCordon ? "node.cordon" : "node.uncordon", { node }, conf, SIMPLE_WRITE_MS, (c) =>
    performCordon(c, node, doCordon),
  );
}

export async function runCronJob(ctx: AuditContext, cluster: string, namespace: string, name: string, conf: Confirmation) {
  return objectAction(ctx, cluster, { namespace, kind: "CronJob", name }, "cronjob.run", { namespace, name }, conf, SIMPLE_WRITE_MS, (c) =>
    performRunCronJob(c, namespace, name, conf.idempotencyKey),
  );
}

export async function suspendCronJob(ctx: AuditContext, cluster: string, namespace: string, name: string, suspend: boolean, conf: Confirmation) {
  return objectAction(ctx, cluster, { namespace, kind: "CronJob", name }, suspend ? "cronjob.suspend" : "cronjob.resume", { namespace, name }, conf, SIMPLE_WRITE_MS, (c) =>
    performSuspendCronJob(c, namespace, name, suspend),
  );
}

export async function qdrantSnapshot(ctx: AuditContext, collection: string | null, conf: Confirmation) {
  const target = `qdrant/-/${collection ? "collection" : "full-snapshot"}/${collection ?? "all"}`;
  return runAction(
    ctx,
    { action: "qdrant.snapshot", target, parameters: { collection }, reason: conf.reason ?? null, idempotencyKey: conf.idempotencyKey, timeLimitMs: 30 * MINUTE },
    () => performQdrantSnapshot(collection),
  );
}

export async function promote(ctx: AuditContext, namespace: string, name: string, conf: Confirmation) {
  const { staging, production } = promotionClusters();
  confirmed(production, name, conf);
  const target = actionTarget(production.name, namespace, "Deployment", name);
  return runAction(ctx, req(production, "deployment.promote", target, { namespace, name, from: staging.name }, conf, ROLLBACK_MS), () =>
    performPromotion(staging, production, namespace, name),
  );
}
