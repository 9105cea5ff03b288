import { jobFromCronJob, manualJobName } from "@/lib/domain/rollout";
import { type ActionCluster, FIELD_MANAGER, kube, mergePatch } from "./kube";

/**
 * `kubectl create job <name> --from=cronjob/<cj>`: GET the CronJob, POST the Job built from its
 * jobTemplate. The Job's name comes from the dialog's idempotency key, so a retry cannot start a
 * second Job (the API server answers AlreadyExists).
 */
export async function performRunCronJob(c: ActionCluster, namespace: string, cronJob: string, idempotencyKey: string) {
  const cj = await kube(c, () => c.batch.readNamespacedCronJob({ name: cronJob, namespace }));
  const jobName = manualJobName(cronJob, idempotencyKey);
  const body = jobFromCronJob(cj, jobName);
  await kube(c, () => c.batch.createNamespacedJob({ namespace, body, fieldManager: "kubectl-create", fieldValidation: "Strict" }));
  return { message: `job.batch/${jobName} created from cronjob/${cronJob}`, data: { jobName, namespace } };
}

/** `kubectl patch cronjob X -p '{"spec":{"suspend":true|false}}'`. */
export async function performSuspendCronJob(c: ActionCluster, namespace: string, name: string, suspend: boolean) {
  const cj = await kube(c, () => c.batch.readNamespacedCronJob({ name, namespace }));
  const verb = suspend ? "suspended" : "resumed";
  if (Boolean(cj.spec?.suspend) === suspend) return { message: `cronjob.batch/${name} already ${verb}`, data: { changed: false } };
  const body = { spec: { suspend } };
  await kube(c, () => c.batch.patchNamespacedCronJob({ name, namespace, body, fieldManager: FIELD_MANAGER }, mergePatch));
  return { message: `cronjob.batch/${name} ${verb}`, data: { changed: true } };
}

/** Whether the CronJob is suspended (for the suspend/resume button). */
export async function cronJobInfo(c: ActionCluster, namespace: string, name: string) {
  const cj = await kube(c, () => c.batch.readNamespacedCronJob({ name, namespace }));
  return { suspended: Boolean(cj.spec?.suspend), schedule: cj.spec?.schedule ?? "" };
}
