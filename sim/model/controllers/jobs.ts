/**
 * The Job and CronJob controllers: a Job runs one pod to completion (calling JobHooks so the data side
 * can write a backup), CronJobs fire on schedule unless suspended, and keep their history limits.
 */
import type { ClusterModel } from "../cluster";
import { iso } from "../cluster";
import { makePod } from "../pods";
import type { K8sObject } from "../store";
import { snapshot, ownerIndex, podActive } from "./common";

/* eslint-disable @typescript-eslint/no-explicit-any */

export function jobs(c: ClusterModel, now: number): void {
  const podsByOwner = ownerIndex(c, "pods");
  for (const j of c.store.objects("jobs")) {
    const before = snapshot(j);
    if ((j.status?.conditions as any[] | undefined)?.some((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True")) continue;
    const pods = podsByOwner.get(j.metadata.uid!) ?? [];
    const succeeded = pods.filter((p) => p.status?.phase === "Succeeded").length;
    const failed = pods.filter((p) => p.status?.phase === "Failed").length;
    const active = pods.filter(podActive);
    if (j.spec.suspend) continue;
    if (!j.status?.startTime) j.status = { ...j.status, startTime: iso(now) };
    if (succeeded === 0 && failed === 0 && active.length === 0) {
      const cronJob = j.metadata.ownerReferences?.find((r) => r.kind === "CronJob")?.name;
      const pod = makePod(
        c,
        j.metadata.namespace!,
        `${j.metadata.name}-${c.suffix(5)}`,
        j.spec.template,
        { ref: { apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, uid: j.metadata.uid! }, workload: cronJob ?? j.metadata.name, workloadKind: "Job" },
        { "batch.kubernetes.io/controller-uid": j.metadata.uid!, "batch.kubernetes.io/job-name": j.metadata.name, "controller-uid": j.metadata.uid!, "job-name": j.metadata.name },
      );
      const sim = c.podSim.get(pod.metadata.uid!)!;
      sim.job = { cronJob, jobName: j.metadata.name, durationMs: c.jobDurationMs, started: false };
      c.event(j, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, { component: "job-controller" });
      j.status = { ...j.status, active: 1, ready: 0, uncountedTerminatedPods: {} };
    } else if (succeeded > 0) {
      const t = iso(now);
      j.status = {
        ...j.status,
        succeeded,
        ready: 0,
        completionTime: t,
        uncountedTerminatedPods: {},
        conditions: [{ type: "Complete", status: "True", lastProbeTime: t, lastTransitionTime: t }],
      };
      delete j.status.active;
      c.event(j, "Normal", "Completed", "Job completed", { component: "job-controller" });
    } else if (failed > 0) {
      const t = iso(now);
      j.status = {
        ...j.status,
        failed,
        ready: 0,
        uncountedTerminatedPods: {},
        conditions: [{ type: "Failed", status: "True", lastProbeTime: t, lastTransitionTime: t, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }],
      };
      delete j.status.active;
      c.event(j, "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", { component: "job-controller" });
    } else {
      const ready = active.filter((p) => p.status?.phase === "Running").length;
      j.status = { ...j.status, active: active.length, ready, uncountedTerminatedPods: {} };
    }
    if (snapshot(j) !== before) c.store.put("jobs", j);
  }
}

export function jobFromCronJob(cj: K8sObject, name: string, now: number, manual: boolean): K8sObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      creationTimestamp: iso(now),
      labels: { ...(cj.spec.jobTemplate.metadata?.labels ?? {}) },
      annotations: { ...(manual ? { "cronjob.kubernetes.io/instantiate": "manual" } : { "batch.kubernetes.io/cronjob-scheduled-timestamp": iso(now) }), ...(cj.spec.jobTemplate.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cj.metadata.name, uid: cj.metadata.uid!, controller: true, ...(manual ? {} : { blockOwnerDeletion: true }) }],
    },
    spec: defaultJobSpec(JSON.parse(JSON.stringify(cj.spec.jobTemplate.spec))),
    status: {},
  };
}

export function defaultJobSpec(spec: any): any {
  return { backoffLimit: 6, completionMode: "NonIndexed", completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: "TerminatingOrFailed", suspend: false, ...spec };
}

export function cronJobs(c: ClusterModel, now: number): void {
  if (c.bootstrapping) return; // history is seeded, not replayed
  const jobsByOwner = ownerIndex(c, "jobs");
  for (const cj of c.store.objects("cronjobs")) {
    const before = snapshot(cj);
    const owned = jobsByOwner.get(cj.metadata.uid!) ?? [];
    const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : Date.parse(cj.metadata.creationTimestamp!);
    const due = nextRun(cj.spec.schedule, last);
    if (!cj.spec.suspend && due !== undefined && due <= now) {
      const name = `${cj.metadata.name}-${Math.floor(due / 60000)}`;
      if (!c.store.get("jobs", cj.metadata.namespace, name)) {
        const job = jobFromCronJob(cj, name, now, false);
        c.store.put("jobs", job);
        owned.push(job);
        c.event(cj, "Normal", "SuccessfulCreate", `Created job ${name}`, { component: "cronjob-controller" });
      }
      cj.status = { ...cj.status, lastScheduleTime: iso(due) };
    }
    const done = (j: K8sObject, type: string) => (j.status?.conditions as any[] | undefined)?.some((x) => x.type === type && x.status === "True");
    const active = owned.filter((j) => !done(j, "Complete") && !done(j, "Failed"));
    const succeeded = owned.filter((j) => done(j, "Complete")).sort((a, b) => String(a.status.completionTime).localeCompare(String(b.status.completionTime)));
    const failed = owned.filter((j) => done(j, "Failed")).sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
    const lastOk = succeeded[succeeded.length - 1];
    cj.status = {
      ...cj.status,
      ...(active.length ? { active: active.map((j) => ({ apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid })) } : {}),
      ...(lastOk ? { lastSuccessfulTime: lastOk.status.completionTime } : {}),
    };
    if (!active.length) delete cj.status.active;
    if (snapshot(cj) !== before) c.store.put("cronjobs", cj);
    const drop = [...succeeded.slice(0, Math.max(0, succeeded.length - Number(cj.spec.successfulJobsHistoryLimit ?? 3))), ...failed.slice(0, Math.max(0, failed.length - Number(cj.spec.failedJobsHistoryLimit ?? 1)))];
    for (const j of drop) deleteJob(c, j);
  }
}

export function deleteJob(c: ClusterModel, j: K8sObject): void {
  c.store.remove("jobs", j.metadata.namespace, j.metadata.name);
  for (const p of c.store.objects("pods", j.metadata.namespace)) {
    if (p.metadata.ownerReferences?.some((r) => r.uid === j.metadata.uid)) {
      c.store.remove("pods", p.metadata.namespace, p.metadata.name);
      c.podSim.delete(p.metadata.uid!);
    }
  }
}

/** The first time after `after` matching a 5-field cron schedule (UTC), within a year. */
export function nextRun(schedule: string, after: number): number | undefined {
  const aliases: Record<string, string> = { "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *", "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *" };
  const f = (aliases[schedule.trim()] ?? schedule).trim().split(/\s+/);
  if (f.length !== 5) return undefined;
  const sets = [field(f[0]!, 0, 59), field(f[1]!, 0, 23), field(f[2]!, 1, 31), field(f[3]!, 1, 12), field(f[4]!, 0, 6)];
  let t = Math.floor(after / 60000) * 60000 + 60000;
  const end = after + 366 * 86400000;
  while (t < end) {
    const d = new Date(t);
    if (!sets[3]!.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!sets[2]!.has(d.getUTCDate()) || !sets[4]!.has(d.getUTCDay())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!sets[1]!.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (sets[0]!.has(d.getUTCMinutes())) return t;
    t += 60000;
  }
  return undefined;
}

function field(spec: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of spec.split(",")) {
    const [range, stepS] = part.split("/");
    const step = stepS ? Number(stepS) : 1;
    let lo = min;
    let hi = max;
    if (range !== "*") {
      const [a, b] = range!.split("-");
      lo = Number(a);
      hi = b !== undefined ? Number(b) : stepS ? max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(max === 6 && v === 7 ? 0 : v);
  }
  return out;
}
