import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Pods" };

export default function PodsPage() {
  return (
    <Placeholder
      title="Pods"
      willShow={[
        "Pods per cluster and namespace with phase, restarts and failure reasons (CrashLoopBackOff, ImagePullBackOff, OOMKilled…)",
      ]}
    />
  );
}
