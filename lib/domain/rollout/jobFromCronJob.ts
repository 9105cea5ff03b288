import type { V1CronJob, V1Job } from "@kubernetes/client-node";

/** The annotation kubectl puts on a Job created by hand from a CronJob. */
export const INSTANTIATE_ANNOTATION = "cronjob.kubernetes.io/instantiate";

/**
 * A Job name for a manual run: `<cronjob>-manual-<suffix>`, at most 63 characters (the Job's name
 * becomes a label value). The suffix comes from the idempotency key, so a retried submission names the
 * same Job and the API server refuses a second one.
 */
export function manualJobName(cronJobName: string, suffix: string): string {
  const clean = suffix.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10) || "run";
  const head = cronJobName.slice(0, 63 - "-manual-".length - clean.length).replace(/-+$/, "");
  return `${head}-manual-${clean}`;
}

/** Exactly what `kubectl create job NAME --from=cronjob/CJ` POSTs (kubectl pkg/cmd/create/create_job.go). */
export function jobFromCronJob(cronJob: V1CronJob, jobName: string): V1Job {
  const template = cronJob.spec?.jobTemplate;
  const annotations: Record<string, string> = { [INSTANTIATE_ANNOTATION]: "manual" };
  for (const [k, v] of Object.entries(template?.metadata?.annotations ?? {})) annotations[k] = v;
  const job: V1Job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName,
      annotations,
      labels: template?.metadata?.labels,
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: cronJob.metadata?.name ?? "",
          uid: cronJob.metadata?.uid ?? "",
          controller: true,
        },
      ],
    },
    spec: JSON.parse(JSON.stringify(template?.spec ?? {})) as V1Job["spec"],
  };
  if (job.metadata && job.metadata.labels === undefined) delete job.metadata.labels;
  return job;
}

export type JobPhase = "running" | "succeeded" | "failed";

/** A Job's outcome from its conditions (Complete / Failed), else running. */
export function jobPhase(job: V1Job): { phase: JobPhase; message: string } {
  const conds = job.status?.conditions ?? [];
  const failed = conds.find((c) => c.type === "Failed" && c.status === "True");
  if (failed) return { phase: "failed", message: failed.message ?? failed.reason ?? "the Job failed" };
  const done = conds.find((c) => (c.type === "Complete" || c.type === "SuccessCriteriaMet") && c.status === "True");
  if (done) return { phase: "succeeded", message: `job "${job.metadata?.name ?? ""}" completed` };
  const active = job.status?.active ?? 0;
  return { phase: "running", message: active > 0 ? `${active} pod(s) running` : "waiting for the Job's pod" };
}
