import { MetricsView } from "@/components/observability/metrics-view";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Metrics" };
export const dynamic = "force-dynamic";

export default function MetricsPage() {
  return (
    <>
      <PageHeader
        title="Metrics"
        description="From Prometheus: API response time (p50/p95/p99), request and 5xx rate, CPU and memory by pod and node, database latency and connection errors, Redis hit rate, AI tokens, disk use."
      />
      <MetricsView />
    </>
  );
}
