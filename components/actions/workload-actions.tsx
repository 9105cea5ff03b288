"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { inputClass } from "@/components/ui/button";
import { ActionButton, type ActionTarget } from "./action-button";
import { RollbackButton } from "./rollback-button";
import { RolloutProgress } from "./rollout-progress";

export interface WorkloadActionsProps {
  cluster: string;
  clusterName: string;
  production: boolean;
  namespace: string;
  kind: "Deployment" | "StatefulSet";
  name: string;
}

/** Rollback, rollout restart and scale for one Deployment/StatefulSet, with the rollout progress panel. */
export function WorkloadActionsPanel(p: WorkloadActionsProps) {
  const trpc = useTRPC();
  const workload = { cluster: p.cluster, namespace: p.namespace, kind: p.kind, name: p.name };
  const target: ActionTarget = { cluster: p.cluster, clusterName: p.clusterName, production: p.production, namespace: p.namespace, kind: p.kind, name: p.name };
  const [following, setFollowing] = useState<number | null>(null);
  const [replicas, setReplicas] = useState<number | null>(null);
  const [scaleOpen, setScaleOpen] = useState(false);
  const restart = useMutation(trpc.actions.restart.mutationOptions());
  const scale = useMutation(trpc.actions.scale.mutationOptions());
  const scaleInfo = useQuery({
    ...trpc.actions.scaleOptions.queryOptions({ ...workload, replicas: replicas ?? undefined }),
    enabled: scaleOpen,
  });
  const wanted = replicas ?? scaleInfo.data?.replicas ?? 0;

  return (
    <div className="space-y-3" data-testid="workload-actions">
      <div className="flex flex-wrap items-start gap-2">
        <RollbackButton workload={workload} target={target} onStarted={setFollowing} />
        <ActionButton
          label="Restart"
          title={`Rollout restart of ${p.name}`}
          target={target}
          description={<p>Sets kubectl.kubernetes.io/restartedAt on the pod template: every pod is replaced, one batch at a time.</p>}
          run={(f) => restart.mutateAsync({ ...workload, ...f })}
          onDone={(o, startedAt) => setFollowing(startedAt)}
        />
        <ActionButton
          label="Scale…"
          title={`Scale ${p.name}`}
          target={target}
          onOpen={() => {
            setReplicas(null);
            setScaleOpen(true);
          }}
          description={
            <div className="space-y-2">
              <label className="block">
                <span className="mb-1 block">Replicas (now {scaleInfo.data?.replicas ?? "…"})</span>
                <input
                  type="number"
                  min={0}
                  max={100}
                  className={inputClass}
                  value={wanted}
                  onChange={(e) => setReplicas(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
                />
              </label>
              {scaleInfo.data?.warning && <p className="text-warn">{scaleInfo.data.warning}</p>}
            </div>
          }
          run={(f) => scale.mutateAsync({ ...workload, replicas: wanted, ...f })}
          onDone={(o, startedAt) => setFollowing(startedAt)}
        />
      </div>
      {following !== null && <RolloutProgress key={following} workload={workload} startedAt={following} />}
    </div>
  );
}
