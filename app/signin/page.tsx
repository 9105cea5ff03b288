import { redirect } from "next/navigation";
import { getPrincipal } from "@/server/auth/session";
import { env } from "@/server/config";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  RateLimited: "Too many failed sign-ins. Wait a minute and try again.",
  NoRole: "Your single sign-on account has no Grio Ops role. Ask an admin to add you to a Grio Ops group.",
  Disabled: "This account is disabled.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getPrincipal()) redirect("/overview");
  const { error, callbackUrl } = await searchParams;
  const e = env();
  const oidc = !!(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
  const safeCallback = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/overview";
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-lg font-semibold">Grio Ops</h1>
        <p className="mb-4 text-sm text-muted">Sign in to the operations console.</p>
        <SignInForm
          initialError={error ? (ERRORS[error] ?? "Sign-in failed.") : null}
          callbackUrl={safeCallback}
          oidc={oidc}
          demo={e.GRIO_DEMO}
        />
      </div>
    </main>
  );
}
