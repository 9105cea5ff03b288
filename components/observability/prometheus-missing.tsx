import { Card } from "@/components/ui/card";

/** What to install when no Prometheus is configured (PROMETHEUS_URL unset). */
export function PrometheusMissing({ what = "These panels" }: { what?: string }) {
  return (
    <Card title="Prometheus is not configured">
      <div className="space-y-2 text-sm" data-testid="prometheus-missing">
        <p>{what} read from Prometheus, and the console has no <code>PROMETHEUS_URL</code>.</p>
        <ul className="list-disc space-y-1 pl-5 text-muted">
          <li>
            In the clusters: Prometheus scraping kube-state-metrics, node-exporter, the kubelet (cAdvisor), django-prometheus, redis-exporter and
            postgres-exporter (e.g. the kube-prometheus-stack chart), then set <code>PROMETHEUS_URL</code> (and <code>PROMETHEUS_BEARER_TOKEN</code> or{" "}
            <code>PROMETHEUS_BASIC_AUTH</code> if it needs one).
          </li>
          <li>
            For the demo on Debian: <code>apt install prometheus prometheus-alertmanager</code>, then <code>npm run demo</code> starts them against the
            simulated estate.
          </li>
        </ul>
      </div>
    </Card>
  );
}
