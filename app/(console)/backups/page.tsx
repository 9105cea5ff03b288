import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Backups" };

export default function BackupsPage() {
  return (
    <Placeholder
      title="Backups"
      willShow={[
        "Freshness of PostgreSQL dumps and Qdrant snapshots in MinIO and its mirror",
        "Run a backup now, for operators",
      ]}
    />
  );
}
