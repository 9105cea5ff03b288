"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { RelativeTime } from "@/components/ui/relative-time";
import { ActionButton, type ActionTarget } from "./action-button";

type Workload = { cluster: string; namespace: string; kind: "Deployment" | "StatefulSet"; name: string };

/**
 * Rollback, like `kubectl rollout undo [--to-revision=N]`: the dialog lists the revisions (number,
 * images, change-cause, age, current), shows the image diff of the chosen one and, folded, the
 * template diff.
 */
export function RollbackButton({ workload, target, onStarted }: { workload: Workload; target: ActionTarget; onStarted: (startedAt: number) => void }) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const options = useQuery({ ...trpc.actions.rollbackOptions.queryOptions(workload), enabled: opened, staleTime: 0 });
  const rollback = useMutation(trpc.actions.rollback.mutationOptions());
  const revisions = options.data?.revisions ?? [];
  const previous = revisions.filter((r) => !r.current).sort((a, b) => b.revision - a.revision)[0];
  const selected = revisions.find((r) => r.revision === (chosen ?? previous?.revision));

  const body = (
    <div className="space-y-3">
      {options.isLoading && <p>Reading the revision history…</p>}
      {options.error && <p role="alert" className="text-bad">{options.error.message}</p>}
      {options.data?.paused && <p className="text-warn">This deployment is paused: kubectl refuses to roll it back until it is resumed.</p>}
      {revisions.length > 0 && (
        <fieldset className="max-h-56 overflow-auto rounded-md border border-line">
          <legend className="sr-only">Revision</legend>
          <table className="w-full text-left text-xs">
            <thead className="bg-surface-2 text-muted">
              <tr>
                <th className="p-1" />
                <th className="p-1">Rev</th>
                <th className="p-1">Images</th>
                <th className="p-1">Change-cause</th>
                <th className="p-1">Age</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.revision} className="border-t border-line align-top" data-testid={`revision-${r.revision}`}>
                  <td className="p-1">
                    <input
                      type="radio"
                      name="revision"
                      aria-label={`Revision ${r.revision}`}
                      disabled={r.current}
                      checked={selected?.revision === r.revision}
                      onChange={() => setChosen(r.revision)}
                    />
                  </td>
                  <td className="p-1 font-mono">
                    {r.revision}
                    {r.current && <span className="ml-1 rounded bg-ok/15 px-1 text-ok">current</span>}
                  </td>
                  <td className="p-1 font-mono break-all">{r.images.map((i) => i.image).join(", ")}</td>
                  <td className="p-1">{r.changeCause ?? <span className="text-muted">&lt;none&gt;</span>}</td>
                  <td className="p-1 whitespace-nowrap">
                    <RelativeTime at={r.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      )}
      {selected && (
        <div className="space-y-1">
          <p className="text-fg">
            Roll back to revision <strong>{selected.revision}</strong>:
          </p>
          {selected.imageDiff.length === 0 ? (
            <p>Same images; only other parts of the pod template change.</p>
          ) : (
            <ul className="font-mono text-xs">
              {selected.imageDiff.map((d) => (
                <li key={d.container}>
                  {d.container}: <span className="text-bad">{d.from ?? "—"}</span> → <span className="text-ok">{d.to ?? "—"}</span>
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary className="cursor-pointer">Template diff</summary>
            <pre className="max-h-56 overflow-auto rounded bg-surface-2 p-2 text-xs">
              {selected.templateDiff
                .filter((l, i, all) => l.kind !== "same" || all.slice(Math.max(0, i - 2), i + 3).some((x) => x.kind !== "same"))
                .map((l, i) => (
                  <div key={i} className={l.kind === "added" ? "text-ok" : l.kind === "removed" ? "text-bad" : ""}>
                    {l.kind === "added" ? "+ " : l.kind === "removed" ? "- " : "  "}
                    {l.text}
                  </div>
                ))}
            </pre>
          </details>
        </div>
      )}
    </div>
  );

  return (
    <ActionButton
      label="Roll back…"
      title={`Roll back ${workload.kind.toLowerCase()} ${workload.name}`}
      confirmLabel={selected ? `Roll back to revision ${selected.revision}` : "Roll back"}
      target={target}
      danger
      wide
      description={body}
      onOpen={() => {
        setChosen(null);
        setOpened(true);
        void options.refetch();
      }}
      run={(f) => {
        if (!selected) return Promise.reject(new Error("Choose a revision first."));
        return rollback.mutateAsync({ ...workload, toRevision: selected.revision, ...f });
      }}
      onDone={(o, startedAt) => {
        if (o.status !== "failed") onStarted(startedAt);
      }}
    />
  );
}
