import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Nodes" };

export default function NodesPage() {
  return (
    <Placeholder
      title="Nodes"
      willShow={[
        "Every node of every cluster: Ready state, pressure conditions, CPU, memory and disk use",
        "Cordon, uncordon and drain, for operators",
      ]}
    />
  );
}
