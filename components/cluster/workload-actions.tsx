"use client";

import { ActionsForWorkload } from "@/components/actions/client-gates";

/**
 * Slot for the actions issue's buttons (rollback, restart, scale, run job now …) on a workload's
 * detail page. It renders nothing until that issue fills it; the detail page already passes what
 * an action needs.
 */
export interface WorkloadActionsProps {
  cluster: string;
  kind: "Deployment" | "StatefulSet" | "CronJob";
  namespace: string;
  name: string;
  desired: number;
  revision: string;
  history: Array<{ revision: number; images: string[]; changeCause: string; current: boolean }>;
}

export function WorkloadActions(props: WorkloadActionsProps) {
  // filled by the actions issue: buttons for operators/admins only (components/actions)
  return <ActionsForWorkload cluster={props.cluster} namespace={props.namespace} kind={props.kind} name={props.name} />;
}
