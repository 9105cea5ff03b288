import { AlertsView } from "@/components/observability/alerts-view";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="The seed's critical-alert thresholds evaluated against Prometheus now, Prometheus' own alerts and rules, and who Alertmanager is notifying."
      />
      <AlertsView />
    </>
  );
}
