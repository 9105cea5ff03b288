import { AppShell } from "@/components/shell/app-shell";
import { requirePrincipal } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePrincipal();
  return <AppShell principal={principal}>{children}</AppShell>;
}
