import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Metrics" };

export default function MetricsPage() {
  return (
    <Placeholder
      title="Metrics"
      willShow={[
        "Charts of CPU, memory, request rates and latencies from Prometheus",
      ]}
    />
  );
}
