import { readFileSync } from "node:fs";
import path from "node:path";

/** Deep copies of the real objects in this folder, for tests to change like the kubelet would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const load = (file: string): Json => JSON.parse(readFileSync(path.join(import.meta.dirname, file), "utf8"));

export const rawNodeK3s = (): Json => load("node_k3s_v1.25_rancher-desktop_amd64_list.json").items[0];
export const rawNodeOrb = (): Json => load("node_k3s-based_orbstack_v1.33_arm64_nodelist_api.json").items[0];
export const rawPod = (): Json => load("k9s_pod_running_with_template_hash_p1.json");
export const rawDeployment = (): Json => load("k9s_deployment_rev3_xray_dp.json");
export const rawReplicaSet = (): Json => load("k9s_replicaset_rev2_xray_rs.json");
export const rawStatefulSet = (): Json => load("k9s_statefulset_sts.json");
export const rawCronJob = (): Json => load("k9s_cronjob_cj.json");
export const rawJob = (): Json => load("k9s_job_job.json");

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The kubelet's status for a container that keeps crashing (as `kubectl get pod -o json` shows it). */
export function crashLoopStatus(name: string, image: string, restartCount: number, finishedAt: number): Json {
  return {
    name, image, imageID: "", ready: false, restartCount, started: false,
    state: { waiting: { reason: "CrashLoopBackOff", message: `back-off 5m0s restarting failed container=${name}` } },
    lastState: { terminated: { exitCode: 137, reason: "OOMKilled", startedAt: iso(finishedAt - 20_000), finishedAt: iso(finishedAt) } },
  };
}
