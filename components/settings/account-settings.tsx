"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function AccountSettings({ timeZone, canChangePassword }: { timeZone: "UTC" | "Africa/Kampala"; canChangePassword: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [zone, setZone] = useState(timeZone);
  const saveZone = useMutation(trpc.me.setTimeZone.mutationOptions({ onSuccess: () => router.refresh() }));
  const [pw, setPw] = useState({ current: "", next: "", repeat: "" });
  const [mismatch, setMismatch] = useState(false);
  const changePassword = useMutation(trpc.me.changePassword.mutationOptions({ onSuccess: () => setPw({ current: "", next: "", repeat: "" }) }));
  const fieldErrors = (changePassword.error?.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)?.zodError?.fieldErrors;

  return (
    <div className="grid max-w-3xl gap-4">
      <Card title="How times are shown">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            saveZone.mutate({ timeZone: zone });
          }}
        >
          <Field label="Time zone">
            <select className={inputClass} value={zone} onChange={(e) => setZone(e.target.value as typeof zone)}>
              <option value="UTC">UTC</option>
              <option value="Africa/Kampala">Africa/Kampala (EAT, UTC+3)</option>
            </select>
          </Field>
          <Button type="submit" variant="primary" disabled={saveZone.isPending}>
            Save
          </Button>
          {saveZone.isSuccess && <span role="status" className="text-sm text-ok">Saved.</span>}
          {saveZone.error && <span role="alert" className="text-sm text-bad">{saveZone.error.message}</span>}
        </form>
      </Card>
      <Card title="Password">
        {!canChangePassword ? (
          <p className="text-sm text-muted">You sign in through single sign-on; your password is managed there.</p>
        ) : (
          <form
            className="grid gap-3 sm:max-w-sm"
            onSubmit={(e) => {
              e.preventDefault();
              setMismatch(pw.next !== pw.repeat);
              if (pw.next === pw.repeat) changePassword.mutate({ current: pw.current, next: pw.next });
            }}
          >
            <Field label="Current password" error={fieldErrors?.current && fieldErrors.current[0]}>
              <input className={inputClass} type="password" autoComplete="current-password" value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} />
            </Field>
            <Field label="New password" error={fieldErrors?.next && fieldErrors.next[0]}>
              <input className={inputClass} type="password" autoComplete="new-password" value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} />
            </Field>
            <Field label="New password again" error={mismatch && "The two new passwords differ."}>
              <input className={inputClass} type="password" autoComplete="new-password" value={pw.repeat} onChange={(e) => setPw({ ...pw, repeat: e.target.value })} />
            </Field>
            <div>
              <Button type="submit" variant="primary" disabled={changePassword.isPending}>
                Change password
              </Button>
            </div>
            {changePassword.isSuccess && <p role="status" className="text-sm text-ok">Password changed.</p>}
            {changePassword.error && !fieldErrors && <p role="alert" className="text-sm text-bad">{changePassword.error.message}</p>}
          </form>
        )}
      </Card>
    </div>
  );
}
