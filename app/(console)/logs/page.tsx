import { LogsView } from "@/components/observability/logs-view";
import { NotAllowed } from "@/components/shell/placeholder";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/server/auth/principal";
import { requirePrincipal } from "@/server/auth/session";

export const metadata = { title: "Logs" };
export const dynamic = "force-dynamic";

/** Student data can appear in logs: viewers (ministry IT) get none (the procedures refuse them too). */
export default async function LogsPage() {
  const principal = await requirePrincipal();
  if (!hasRole(principal, "operator")) return <NotAllowed role={principal.role} needed="operator" />;
  return (
    <>
      <PageHeader title="Logs" description="From Loki, per cluster, namespace, workload and pod. Structured filters are escaped into LogQL on the server; operators may type LogQL." />
      <LogsView />
    </>
  );
}
