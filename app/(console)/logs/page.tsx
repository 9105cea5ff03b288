import { NotAllowed, Placeholder } from "@/components/shell/placeholder";
import { requirePrincipal } from "@/server/auth/session";
import { hasRole } from "@/server/auth/principal";

export const metadata = { title: "Logs" };

export default async function LogsPage() {
  const principal = await requirePrincipal();
  if (!hasRole(principal, "operator")) return <NotAllowed role={principal.role} needed="operator" />;
  return <Placeholder title="Logs" willShow={["Logs from Loki per cluster, namespace and pod, with search and live tail"]} />;
}
