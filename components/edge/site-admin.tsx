"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** A token is shown exactly once, right after it is made. */
export function TokenOnce({ token, onDone }: { token: { siteId: string; token: string }; onDone: () => void }) {
  return (
    <div role="status" className="rounded-md border border-warn/40 bg-warn/10 p-3 text-sm">
      <p className="font-medium">Token for {token.siteId} — copy it now, it will not be shown again:</p>
      <code className="mt-1 block break-all rounded bg-surface px-2 py-1 font-mono text-xs" data-testid="site-token">{token.token}</code>
      <Button className="mt-2" onClick={onDone}>Done</Button>
    </div>
  );
}

export function AddSiteCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [form, setForm] = useState({ id: "", name: "", district: "", syncInterval: "daily", nodeName: "" });
  const [token, setToken] = useState<{ siteId: string; token: string } | null>(null);
  const create = useMutation(
    trpc.edge.createSite.mutationOptions({
      onSuccess: async (t) => {
        setToken(t);
        setForm({ id: "", name: "", district: "", syncInterval: "daily", nodeName: "" });
        await qc.invalidateQueries({ queryKey: trpc.edge.fleet.queryKey() });
      },
    }),
  );
  const field = (key: keyof typeof form, label: string, placeholder: string) => (
    <Field label={label}>
      <input className={inputClass} value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </Field>
  );
  return (
    <Card title="Register a site (admins)">
      {token ? (
        <TokenOnce token={token} onDone={() => setToken(null)} />
      ) : (
        <form
          className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ ...form, nodeName: form.nodeName || undefined });
          }}
        >
          {field("id", "Id", "kla-001")}
          {field("name", "Name", "Kampala Primary")}
          {field("district", "District", "Kampala")}
          {field("syncInterval", "Sync interval", "daily, weekly or 6h")}
          {field("nodeName", "K3s node (optional)", "edge-kla-001")}
          <div className="flex items-end">
            <Button type="submit" variant="primary" write disabled={create.isPending}>Register</Button>
          </div>
        </form>
      )}
      {create.error && <p className="mt-2 text-sm text-bad" role="alert">{create.error.message}</p>}
    </Card>
  );
}

export function SiteTokenActions({ siteId, revoked }: { siteId: string; revoked: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [token, setToken] = useState<{ siteId: string; token: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.edge.fleet.queryKey() });
  const rotate = useMutation(trpc.edge.rotateToken.mutationOptions({ onSuccess: async (t) => { setToken(t); await refresh(); } }));
  const revoke = useMutation(trpc.edge.revokeToken.mutationOptions({ onSuccess: refresh }));
  if (token) return <TokenOnce token={token} onDone={() => setToken(null)} />;
  return (
    <div className="flex gap-1">
      <ConfirmDialog
        title={`Rotate the token of ${siteId}?`}
        description="The current token stops working at once; the school server needs the new one."
        confirmLabel="Rotate"
        reason="none"
        trigger={(open) => <Button write onClick={open} className="px-2 py-0.5 text-xs">Rotate token</Button>}
        onConfirm={async () => { await rotate.mutateAsync({ siteId }); }}
      />
      {!revoked && (
        <ConfirmDialog
          title={`Revoke the token of ${siteId}?`}
          description="The site's heartbeats will be refused (401) until you rotate a new token."
          confirmLabel="Revoke"
          reason="none"
          trigger={(open) => <Button write variant="danger" onClick={open} className="px-2 py-0.5 text-xs">Revoke</Button>}
          onConfirm={async () => { await revoke.mutateAsync({ siteId }); }}
        />
      )}
    </div>
  );
}
