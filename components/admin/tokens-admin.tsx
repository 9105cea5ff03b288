"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryResult } from "@/components/ui/query-state";
import { Field } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";

const ROLES = ["viewer", "operator", "admin"] as const;

export function TokensAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const tokens = useQuery(trpc.admin.listTokens.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.listTokens.queryKey() });
  const [form, setForm] = useState({ name: "", role: "operator" as (typeof ROLES)[number], expiresInDays: 90 });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.admin.createToken.mutationOptions({
      onSuccess: (t) => {
        setCreated({ name: t.name, secret: t.secret });
        setForm({ ...form, name: "" });
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.admin.revokeToken.mutationOptions({ onSuccess: refresh }));

  return (
    <Card title="API tokens">
      <p className="mb-3 text-sm text-muted">
        For scripts and CI: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token acts with its own role,
        and every use is recorded under its name in the audit log.
      </p>
      {created && (
        <div role="status" data-testid="new-token" className="mb-3 rounded-md border border-ok/40 bg-ok/10 p-3 text-sm">
          <p className="font-medium">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <code className="mt-1 block break-all font-mono text-xs">{created.secret}</code>
          <Button className="mt-2" onClick={() => setCreated(null)}>
            Done
          </Button>
        </div>
      )}
      <form
        className="mb-4 grid grid-cols-1 gap-2 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <Field label="Name">
          <input className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="edge-provisioning" />
        </Field>
        <Field label="Role">
          <select className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as (typeof ROLES)[number] })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </Field>
        <Field label="Expires in (days)">
          <input
            className={inputClass}
            type="number"
            min={1}
            max={730}
            value={form.expiresInDays}
            onChange={(e) => setForm({ ...form, expiresInDays: Number(e.target.value) })}
          />
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="primary" write disabled={create.isPending}>
            Create token
          </Button>
        </div>
        {create.error && (
          <p role="alert" className="text-sm text-bad sm:col-span-4">
            {create.error.message}
          </p>
        )}
      </form>
      <QueryResult query={tokens}>
        {(data) => (
          <Table
            caption="API tokens"
            rows={data}
            rowKey={(t) => t.id}
            empty="No API tokens yet."
            columns={[
              { key: "name", header: "Name", render: (t) => t.name },
              { key: "prefix", header: "Starts with", render: (t) => <code className="font-mono text-xs">{t.prefix}…</code> },
              { key: "role", header: "Role", render: (t) => t.role },
              {
                key: "status",
                header: "Status",
                render: (t) => <StatusPill status={t.status} />,
              },
              { key: "expires", header: "Expires", render: (t) => <RelativeTime at={t.expiresAt} /> },
              { key: "used", header: "Last used", render: (t) => (t.lastUsedAt ? <RelativeTime at={t.lastUsedAt} /> : "never") },
              {
                key: "revoke",
                header: "",
                render: (t) =>
                  t.revokedAt ? null : (
                    <ConfirmDialog
                      title={`Revoke token “${t.name}”?`}
                      description="Scripts using it will get 401 from their next request."
                      confirmLabel="Revoke"
                      reason="none"
                      onConfirm={async () => {
                        await revoke.mutateAsync({ id: t.id });
                      }}
                      trigger={(open) => (
                        <Button write variant="danger" onClick={open}>
                          Revoke
                        </Button>
                      )}
                    />
                  ),
              },
            ]}
          />
        )}
      </QueryResult>
    </Card>
  );
}
