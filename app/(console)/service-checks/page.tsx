import { ServiceChecksView } from "@/components/observability/service-checks-view";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Service checks" };
export const dynamic = "force-dynamic";

export default function ServiceChecksPage() {
  return (
    <>
      <PageHeader
        title="Service checks"
        description="The seed's production health check, made continuous: Django API health, web app, Qdrant, MinIO, PostgreSQL, Prometheus and Loki — up/down, latency, last change and availability against the 99.5 % SLA."
      />
      <ServiceChecksView />
    </>
  );
}
