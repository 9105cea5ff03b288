"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** Filters and the selected cluster live in the URL, so an on-call link opens the same view. */
export function useUrlState(): [URLSearchParams, (patch: Record<string, string | null | undefined>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === "") next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return [params, set];
}

/** The refresh period of every live cluster view (reads the server's cache, never the API). */
export const LIVE_REFETCH_MS = 4000;

/** The filter values a table reads from the URL, "" for each one absent. */
export function filtersFromUrl<K extends string>(params: URLSearchParams, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
}
