import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Volumes" };

export default function VolumesPage() {
  return (
    <Placeholder
      title="Volumes"
      willShow={[
        "Persistent volumes and claims with capacity and use, and which are close to full",
      ]}
    />
  );
}
