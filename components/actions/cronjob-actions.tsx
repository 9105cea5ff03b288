"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { ActionButton, type ActionTarget } from "./action-button";
import { JobProgress } from "./job-progress";

export interface CronJobActionsProps {
  cluster: string;
  clusterName: string;
  production: boolean;
  namespace: string;
  name: string;
  suspended: boolean;
  /** label of the run button, e.g. "Backup now" */
  runLabel?: string;
}

/** Run a CronJob now (`kubectl create job --from=cronjob/…`) and follow the Job; suspend / resume. */
export function CronJobActionsPanel(p: CronJobActionsProps) {
  const trpc = useTRPC();
  const run = useMutation(trpc.actions.runCronJob.mutationOptions());
  const suspend = useMutation(trpc.actions.suspendCronJob.mutationOptions());
  const router = useRouter();
  const queryClient = useQueryClient();
  const [job, setJob] = useState<{ name: string; startedAt: number } | null>(null);
  const target: ActionTarget = { cluster: p.cluster, clusterName: p.clusterName, production: p.production, namespace: p.namespace, kind: "CronJob", name: p.name };
  return (
    <div className="space-y-3" data-testid={`cronjob-actions-${p.name}`}>
      <div className="flex flex-wrap items-start gap-2">
        <ActionButton
          label={p.runLabel ?? "Run now"}
          title={`Run ${p.name} now`}
          target={target}
          description={<p>Creates a Job from the CronJob&apos;s template, exactly as kubectl create job --from=cronjob/{p.name} does.</p>}
          run={(f) => run.mutateAsync({ cluster: p.cluster, namespace: p.namespace, name: p.name, ...f })}
          onDone={(o, startedAt) => {
            const jobName = (o.data as { jobName?: string } | undefined)?.jobName;
            if (jobName) setJob({ name: jobName, startedAt });
          }}
        />
        <ActionButton
          label={p.runLabel ? `${p.suspended ? "Resume" : "Suspend"} ${p.name}` : p.suspended ? "Resume" : "Suspend"}
          title={`${p.suspended ? "Resume" : "Suspend"} ${p.name}`}
          target={target}
          description={<p>{p.suspended ? "Scheduled runs start again." : "No scheduled runs until resumed; a running Job continues."}</p>}
          run={(f) => suspend.mutateAsync({ cluster: p.cluster, namespace: p.namespace, name: p.name, suspend: !p.suspended, ...f })}
          onDone={() => {
            void queryClient.invalidateQueries();
            router.refresh();
          }}
        />
      </div>
      {job && <JobProgress key={job.name} cluster={p.cluster} namespace={p.namespace} job={job.name} cronJob={p.name} startedAt={job.startedAt} />}
    </div>
  );
}
