import { type ActionCluster, kube } from "./kube";

/** `kubectl delete pod`: its controller replaces it (on-call's usual first fix). */
export async function performDeletePod(c: ActionCluster, namespace: string, name: string) {
  const pod = await kube(c, () => c.core.readNamespacedPod({ name, namespace }));
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  await kube(c, () => c.core.deleteNamespacedPod({ name, namespace }));
  const note = owner ? ` (${owner.kind} ${owner.name} will replace it)` : " (it has no controller: nothing will replace it)";
  return { message: `pod "${name}" deleted${note}`, data: { replaced: Boolean(owner) } };
}
