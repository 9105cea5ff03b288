import { NotAllowed, Placeholder } from "@/components/shell/placeholder";
import { requirePrincipal } from "@/server/auth/session";
import { hasRole } from "@/server/auth/principal";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const principal = await requirePrincipal();
  if (!hasRole(principal, "admin")) return <NotAllowed role={principal.role} needed="admin" />;
  return <Placeholder title="Admin" willShow={["Users: list, change role, disable", "API tokens: create with a role and expiry, revoke"]} />;
}
