import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Edge" };

export default function EdgePage() {
  return (
    <Placeholder
      title="Edge"
      willShow={[
        "Every school edge server: last check-in, version, disk and sync state",
        "Which sites are offline and since when",
      ]}
    />
  );
}
