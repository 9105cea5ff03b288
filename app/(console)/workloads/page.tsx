import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Workloads" };

export default function WorkloadsPage() {
  return (
    <Placeholder
      title="Workloads"
      willShow={[
        "Deployments and StatefulSets per cluster and namespace with desired/available replicas and images",
        "Restart, scale and roll back, for operators",
      ]}
    />
  );
}
