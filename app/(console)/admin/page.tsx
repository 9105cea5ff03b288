import { TokensAdmin } from "@/components/admin/tokens-admin";
import { UsersAdmin } from "@/components/admin/users-admin";
import { NotAllowed } from "@/components/shell/placeholder";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/server/auth/principal";
import { requirePrincipal } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const principal = await requirePrincipal();
  if (!hasRole(principal, "admin")) return <NotAllowed role={principal.role} needed="admin" />;
  prefetch(trpc.admin.listUsers.queryOptions());
  prefetch(trpc.admin.listTokens.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Admin" description="Users, roles and API tokens. Every change here is recorded in the audit log." />
      <div className="space-y-4">
        <UsersAdmin selfId={principal.id} />
        <TokensAdmin />
      </div>
    </HydrateClient>
  );
}
