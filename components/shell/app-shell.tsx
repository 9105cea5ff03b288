import Link from "next/link";
import { Suspense } from "react";
import { ClusterPicker } from "@/components/cluster/cluster-picker";
import { CommandPalette } from "@/components/cluster/command-palette";
import type { Principal } from "@/server/auth/principal";
import { hasRole } from "@/server/auth/principal";
import { Badge } from "@/components/ui/status-pill";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { TRPCReactProvider } from "@/components/trpc-provider";
import { Nav } from "./nav";
import { SECTIONS } from "./sections";
import { SignOutButton } from "./sign-out-button";

/** Top bar (cluster picker, role, account, sign-out) + navigation + the page. */
export function AppShell({ principal, children }: { principal: Principal; children: React.ReactNode }) {
  const sections = SECTIONS.filter((s) => hasRole(principal, s.role));
  return (
    <TRPCReactProvider>
      <TimeZoneProvider timeZone={principal.timeZone}>
        <div className="flex min-h-dvh flex-col">
          <header className="sticky top-0 z-20 flex flex-wrap items-center gap-2 border-b border-line bg-surface px-3 py-2 md:px-4">
            <Link href="/overview" className="mr-2 font-semibold">
              Grio Ops
            </Link>
            <Suspense>
              <ClusterPicker />
            </Suspense>
            <CommandPalette />
            <div className="ml-auto flex items-center gap-2">
              <Badge tone="info" title="Your role">
                <span data-testid="role-badge">{principal.role}</span>
              </Badge>
              <Link href="/settings" className="hidden max-w-48 truncate text-sm text-muted hover:text-fg sm:inline" title="Your account">
                {principal.email ?? principal.name}
              </Link>
              <Link href="/settings" className="text-sm text-muted hover:text-fg sm:hidden">
                Account
              </Link>
              <SignOutButton />
            </div>
          </header>
          <div className="flex flex-1 flex-col md:flex-row">
            <aside className="border-b border-line bg-surface md:w-48 md:shrink-0 md:border-r md:border-b-0">
              <Nav sections={sections} />
            </aside>
            <main className="min-w-0 flex-1 p-3 md:p-6">{children}</main>
          </div>
        </div>
      </TimeZoneProvider>
    </TRPCReactProvider>
  );
}
