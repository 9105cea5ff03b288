"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryResult } from "@/components/ui/query-state";
import { Field } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";

const ROLES = ["viewer", "operator", "admin"] as const;
type Role = (typeof ROLES)[number];

export function UsersAdmin({ selfId }: { selfId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const users = useQuery(trpc.admin.listUsers.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.listUsers.queryKey() });
  const onError = (e: { message: string }) => setError(e.message);
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: refresh, onError }));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions({ onSuccess: refresh, onError }));

  return (
    <Card title="Users">
      {error && (
        <p role="alert" className="mb-2 text-sm text-bad">
          {error}
        </p>
      )}
      <QueryResult query={users}>
        {(data) => (
          <Table
            caption="Users"
            rows={data}
            rowKey={(u) => u.id}
            columns={[
              { key: "email", header: "Email", render: (u) => <span className="break-all">{u.email}</span> },
              { key: "name", header: "Name", render: (u) => u.name },
              {
                key: "role",
                header: "Role",
                render: (u) => (
                  <select
                    aria-label={`Role of ${u.email}`}
                    data-write-control
                    className={inputClass}
                    value={u.role}
                    disabled={setRole.isPending}
                    onChange={(e) => {
                      setError(null);
                      setRole.mutate({ id: u.id, role: e.target.value as Role });
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ),
              },
              { key: "source", header: "Source", render: (u) => <Badge>{u.source}</Badge> },
              { key: "status", header: "Status", render: (u) => <StatusPill status={u.disabled ? "disabled" : "active"} /> },
              { key: "created", header: "Created", render: (u) => <RelativeTime at={u.createdAt} /> },
              {
                key: "actions",
                header: "",
                render: (u) =>
                  u.id === selfId ? (
                    <span className="text-xs text-muted">you</span>
                  ) : (
                    <Button
                      write
                      variant={u.disabled ? "secondary" : "danger"}
                      disabled={setDisabled.isPending}
                      onClick={() => {
                        setError(null);
                        setDisabled.mutate({ id: u.id, disabled: !u.disabled });
                      }}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </QueryResult>
      <NewUserForm onCreated={refresh} />
    </Card>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ email: "", name: "", role: "viewer" as Role, password: "" });
  const create = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: () => {
        setForm({ email: "", name: "", role: "viewer", password: "" });
        onCreated();
      },
    }),
  );
  const fieldErrors = (create.error?.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)?.zodError?.fieldErrors;
  return (
    <form
      className="mt-4 grid grid-cols-1 gap-2 border-t border-line pt-4 sm:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ ...form, name: form.name || undefined });
      }}
    >
      <Field label="Email" error={fieldErrors?.email && fieldErrors.email[0]}>
        <input className={inputClass} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      </Field>
      <Field label="Name">
        <input className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <Field label="Role">
        <select className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </Field>
      <Field label="Initial password" error={fieldErrors?.password && fieldErrors.password[0]}>
        <input className={inputClass} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
      </Field>
      <div className="flex items-end">
        <Button type="submit" variant="primary" write disabled={create.isPending}>
          Add user
        </Button>
      </div>
      {create.error && !fieldErrors && (
        <p role="alert" className="text-sm text-bad sm:col-span-5">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
