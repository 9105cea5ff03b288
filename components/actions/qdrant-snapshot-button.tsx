"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { inputClass } from "@/components/ui/button";
import { ActionButton } from "./action-button";
import { formatBytes } from "./job-progress";

/** Qdrant snapshot now → streamed into MinIO backups/qdrant/<name>; reports bytes and duration. */
export function QdrantSnapshotButton() {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [collection, setCollection] = useState<string>("");
  const collections = useQuery({ ...trpc.actions.qdrantCollections.queryOptions(), enabled: opened });
  const snap = useMutation(trpc.actions.qdrantSnapshot.mutationOptions());
  const [result, setResult] = useState<{ key: string; bytes: number; durationMs: number } | null>(null);
  return (
    <div className="space-y-2" data-testid="qdrant-snapshot">
      <ActionButton
        label="Qdrant snapshot now"
        title="Qdrant snapshot now"
        target={{ cluster: "qdrant", clusterName: "Qdrant", production: false, kind: collection ? "Collection" : "Snapshot", name: collection || "full snapshot" }}
        onOpen={() => {
          setOpened(true);
          setResult(null);
        }}
        description={
          <div className="space-y-2">
            <label className="block">
              <span className="mb-1 block">What to snapshot</span>
              <select className={inputClass} value={collection} onChange={(e) => setCollection(e.target.value)}>
                <option value="">Full snapshot (all collections)</option>
                {(collections.data ?? []).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            {collections.error && <p className="text-bad">{collections.error.message}</p>}
            <p>The snapshot is streamed into the backups bucket under qdrant/; the stored size is checked, and a failed copy is removed.</p>
          </div>
        }
        run={(f) => snap.mutateAsync({ collection: collection || null, ...f })}
        onDone={(o) => {
          const d = o.data as { key: string; bytes: number; durationMs: number } | undefined;
          if (d) setResult(d);
        }}
      />
      {result && (
        <p className="text-sm" data-testid="qdrant-snapshot-result">
          Stored <span className="font-mono">backups/{result.key}</span>: {formatBytes(result.bytes)} in {(result.durationMs / 1000).toFixed(1)} s
        </p>
      )}
    </div>
  );
}
