import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <Placeholder
      title="Overview"
      willShow={[
        "Each cluster (Hetzner prod and staging, ministry on-prem) with its connection state and health",
        "Nodes not ready, failing workloads and firing alerts at a glance",
        "Freshness of the latest backups and how many school edge servers are offline",
      ]}
    />
  );
}
