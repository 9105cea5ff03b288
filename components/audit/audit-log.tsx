"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryResult } from "@/components/ui/query-state";
import { Field } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";

type Filters = { actor: string; action: string; target: string; status: string; from: string; to: string };
const EMPTY: Filters = { actor: "", action: "", target: "", status: "", from: "", to: "" };
const STATUSES = ["pending", "succeeded", "failed", "denied", "interrupted"] as const;

function toInput(f: Filters) {
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    target: f.target || undefined,
    status: (f.status || undefined) as (typeof STATUSES)[number] | undefined,
    from: f.from ? new Date(f.from) : undefined,
    to: f.to ? new Date(f.to) : undefined,
  };
}

export function AuditLog() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [before, setBefore] = useState<Date | undefined>(undefined);
  const filtered = Object.values(applied).some(Boolean) ? toInput(applied) : {};
  const input = before ? { ...filtered, before } : filtered;
  const q = useQuery(trpc.audit.list.queryOptions(input));
  const csv = new URLSearchParams(Object.entries(applied).filter(([, v]) => v) as [string, string][]);

  const field = (key: keyof Filters, label: string, type = "text") => (
    <Field label={label}>
      <input type={type} className={inputClass} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </Field>
  );

  return (
    <div className="space-y-4">
      <Card>
        <form
          className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-7"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(draft);
            setBefore(undefined);
          }}
        >
          {field("actor", "Actor")}
          {field("action", "Action")}
          {field("target", "Target")}
          <Field label="Status">
            <select className={inputClass} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">any</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          {field("from", "From", "datetime-local")}
          {field("to", "To", "datetime-local")}
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded-md border border-line bg-accent px-3 py-1.5 text-sm text-white">
              Filter
            </button>
            <a className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-surface-2" href={`/api/audit/export?${csv.toString()}`} download>
              CSV
            </a>
          </div>
        </form>
      </Card>
      <Card>
        <QueryResult query={q} errorPrefix="Could not load the audit log: ">
          {(data) => (
            <Table
              caption="Audit events"
              rows={data.rows}
              rowKey={(r) => r.id}
              empty="No audit events match these filters."
              columns={[
                { key: "when", header: "When", className: "whitespace-nowrap", render: (r) => <RelativeTime at={r.startedAt} /> },
                {
                  key: "actor",
                  header: "Actor",
                  render: (r) => (
                    <span title={r.actorKind}>
                      {r.actorName}
                      {r.actorRole && <span className="text-muted"> ({r.actorRole})</span>}
                    </span>
                  ),
                },
                { key: "action", header: "Action", className: "whitespace-nowrap", render: (r) => <code className="font-mono text-xs">{r.action}</code> },
                { key: "target", header: "Target", render: (r) => <span className="break-all">{r.target}</span> },
                { key: "status", header: "Status", render: (r) => <StatusPill status={r.displayStatus} title={r.error ?? undefined} /> },
                { key: "reason", header: "Reason / error", render: (r) => <span className="text-muted">{r.error ?? r.reason ?? ""}</span> },
              ]}
            />
          )}
        </QueryResult>
        {q.data && (before || q.data.rows.length === 100) && (
          <div className="mt-3 flex gap-2">
            {before && (
              <button type="button" className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-surface-2" onClick={() => setBefore(undefined)}>
                Newest
              </button>
            )}
            {q.data.nextBefore && q.data.rows.length === 100 && (
              <button
                type="button"
                className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-surface-2"
                onClick={() => setBefore(new Date(q.data.nextBefore!))}
              >
                Older
              </button>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
