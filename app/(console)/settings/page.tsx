import { AccountSettings } from "@/components/settings/account-settings";
import { PageHeader } from "@/components/ui/card";
import { requirePrincipal } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { findUserById } from "@/server/services/users";

export const metadata = { title: "Account" };

export default async function SettingsPage() {
  const principal = await requirePrincipal();
  const user = principal.kind === "user" ? await findUserById(await getDb(), principal.id) : undefined;
  return (
    <div>
      <PageHeader title="Your account" description={`${principal.email ?? principal.name} · ${principal.role}`} />
      <AccountSettings timeZone={principal.timeZone} canChangePassword={!!user?.passwordHash} />
    </div>
  );
}
