import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <Placeholder
      title="Alerts"
      willShow={[
        "Firing and pending alerts from Alertmanager, with silences",
      ]}
    />
  );
}
