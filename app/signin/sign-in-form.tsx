"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button, inputClass } from "@/components/ui/button";

export function SignInForm({
  initialError,
  callbackUrl,
  oidc,
  demo,
}: {
  initialError: string | null;
  callbackUrl: string;
  oidc: boolean;
  demo: boolean;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (res?.status === 429) setError("Too many failed sign-ins. Wait a minute and try again.");
      else if (!res?.ok || res.error) setError("Wrong email or password.");
      else window.location.assign(callbackUrl);
    } catch {
      setError("Sign-in failed: the console did not answer. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" noValidate>
        <CredentialField name="email" label="Email" type="email" autoComplete="username" />
        <CredentialField name="password" label="Password" type="password" autoComplete="current-password" />
        {error && (
          <p role="alert" data-testid="sign-in-error" className="rounded-md border border-bad/40 bg-bad/10 px-2 py-1 text-sm text-bad">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidc && (
        <Button className="w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
          Sign in with single sign-on
        </Button>
      )}
      {demo && (
        <p className="text-xs text-muted">
          Demo mode: admin@grio.local, oncall@grio.local (operator), ministry@grio.local (viewer); password grio-demo.
        </p>
      )}
    </div>
  );
}

/** One required credential input with its label (its name doubles as the id the label points at). */
function CredentialField({ name, label, type, autoComplete }: { name: string; label: string; type: string; autoComplete: string }) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm">
        {label}
      </label>
      <input id={name} name={name} type={type} autoComplete={autoComplete} required className={inputClass} />
    </div>
  );
}
