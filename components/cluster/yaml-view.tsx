"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import type { RawKind } from "@/server/adapters/kubernetes/raw";

/** Any object as YAML, read-only, fetched when asked; managedFields folded away unless opened. */
export function YamlView({ cluster, kind, namespace, name }: { cluster: string; kind: RawKind; namespace: string; name: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const { data, error, isFetching } = useQuery({ ...trpc.cluster.yaml.queryOptions({ cluster, kind, namespace, name }), enabled: open, staleTime: 0 });
  return (
    <div>
      <Button onClick={() => setOpen((o) => !o)} aria-expanded={open}>{open ? "Hide YAML" : "View YAML"}</Button>
      {open && (
        <div className="mt-2">
          {error && <p role="alert" className="text-sm text-bad">{error.message}</p>}
          {isFetching && !data && <p className="text-sm text-muted">Loading…</p>}
          {data && (
            <>
              <pre data-testid="yaml" className="max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">{data.yaml}</pre>
              {data.managedFields && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-muted">metadata.managedFields (folded)</summary>
                  <pre className="max-h-96 overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">{data.managedFields}</pre>
                </details>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
