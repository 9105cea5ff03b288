"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { ActionButton } from "./action-button";
import { RolloutProgress } from "./rollout-progress";

/** Promote staging → production: staging's images next to production's, then follow the rollout. */
export function PromoteButton(p: { namespace: string; name: string; production: { cluster: string; clusterName: string; production: boolean } }) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const plan = useQuery({ ...trpc.actions.promotionPlan.queryOptions({ namespace: p.namespace, name: p.name }), enabled: opened });
  const promote = useMutation(trpc.actions.promote.mutationOptions());
  const [following, setFollowing] = useState<number | null>(null);
  return (
    <div className="space-y-2">
      <ActionButton
        label="Promote staging → production"
        title={`Promote ${p.name} from staging`}
        target={{ ...p.production, namespace: p.namespace, kind: "Deployment", name: p.name }}
        danger
        wide
        disabled={false}
        onOpen={() => setOpened(true)}
        description={
          <div className="space-y-2">
            {plan.isLoading && <p>Reading both clusters…</p>}
            {plan.error && <p className="text-bad">{plan.error.message}</p>}
            {plan.data && (
              <table className="w-full text-left text-xs">
                <thead className="text-muted">
                  <tr>
                    <th className="p-1">Container</th>
                    <th className="p-1">{plan.data.staging}</th>
                    <th className="p-1">{plan.data.production.name}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.lines.map((l) => (
                    <tr key={l.container} className="border-t border-line font-mono">
                      <td className="p-1">{l.container}</td>
                      <td className={`p-1 break-all ${l.change === "update" ? "text-ok" : ""}`}>{l.staging ?? "—"}</td>
                      <td className={`p-1 break-all ${l.change === "update" ? "text-bad" : ""}`}>{l.production ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {plan.data && !plan.data.changes && <p>Production already runs staging&apos;s images.</p>}
          </div>
        }
        run={(f) => promote.mutateAsync({ namespace: p.namespace, name: p.name, ...f })}
        onDone={(o, startedAt) => setFollowing(startedAt)}
      />
      {following !== null && (
        <RolloutProgress key={following} workload={{ cluster: p.production.cluster, namespace: p.namespace, kind: "Deployment", name: p.name }} startedAt={following} />
      )}
    </div>
  );
}
