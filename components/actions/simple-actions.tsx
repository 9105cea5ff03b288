"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { ActionButton, type ActionTarget } from "./action-button";

type ClusterProps = { cluster: string; clusterName: string; production: boolean };

/** Delete a pod: its controller replaces it (on-call's usual first fix). */
export function DeletePodButton(p: ClusterProps & { namespace: string; name: string }) {
  const trpc = useTRPC();
  const del = useMutation(trpc.actions.deletePod.mutationOptions());
  const target: ActionTarget = { ...p, kind: "Pod" };
  return (
    <ActionButton
      label="Delete pod"
      title={`Delete pod ${p.name}`}
      target={target}
      danger
      description={<p>Its controller (Deployment, StatefulSet, Job) creates a replacement; a bare pod is gone for good.</p>}
      run={(f) => del.mutateAsync({ cluster: p.cluster, namespace: p.namespace, name: p.name, ...f })}
    />
  );
}

/** Cordon or uncordon a node (`kubectl cordon` / `uncordon`). */
export function CordonButton(p: ClusterProps & { node: string; unschedulable: boolean }) {
  const trpc = useTRPC();
  const cordon = useMutation(trpc.actions.cordon.mutationOptions());
  const router = useRouter();
  const queryClient = useQueryClient();
  const target: ActionTarget = { ...p, kind: "Node", name: p.node };
  const doCordon = !p.unschedulable;
  return (
    <ActionButton
      label={doCordon ? "Cordon" : "Uncordon"}
      title={`${doCordon ? "Cordon" : "Uncordon"} node ${p.node}`}
      target={target}
      description={
        <p>{doCordon ? "New pods will not be scheduled here; running pods stay." : "The scheduler may place new pods on this node again."}</p>
      }
      run={(f) => cordon.mutateAsync({ cluster: p.cluster, node: p.node, cordon: doCordon, ...f })}
      onDone={() => {
        void queryClient.invalidateQueries();
        router.refresh();
      }}
    />
  );
}
