import { type ActionCluster, FIELD_MANAGER, kube, strategicMergePatch } from "./kube";

/** `kubectl cordon` / `uncordon`: the spec.unschedulable patch; "already" when nothing changes. */
export async function performCordon(c: ActionCluster, name: string, cordon: boolean) {
  const node = await kube(c, () => c.core.readNode({ name }));
  const verb = cordon ? "cordoned" : "uncordoned";
  if (Boolean(node.spec?.unschedulable) === cordon) {
    return { message: `node/${name} already ${verb}`, data: { changed: false } };
  }
  const body = { spec: { unschedulable: cordon ? true : null } };
  await kube(c, () => c.core.patchNode({ name, body, fieldManager: FIELD_MANAGER }, strategicMergePatch));
  return { message: `node/${name} ${verb}`, data: { changed: true } };
}
