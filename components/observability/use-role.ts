"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

/** The signed-in role, for hiding write controls (the server enforces roles on every call). */
export function useRole(): "admin" | "operator" | "viewer" | null {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.me.get.queryOptions(), staleTime: 60_000 });
  return (me.data?.role as "admin" | "operator" | "viewer" | undefined) ?? null;
}
