import { PageHeader } from "@/components/ui/card";
import { AuditLog } from "@/components/audit/audit-log";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Audit" };

export default function AuditPage() {
  prefetch(trpc.audit.list.queryOptions({}));
  return (
    <HydrateClient>
      <PageHeader
        title="Audit log"
        description="Every sign-in, action and change, with who did it, why and how it ended. Nothing here is ever deleted."
      />
      <AuditLog />
    </HydrateClient>
  );
}
