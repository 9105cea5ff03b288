import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import { hasRole, type Principal } from "./principal";
import { principalFromHeaders } from "./resolve";

/** The signed-in principal for this server render (re-read from the database), or null. */
export const getPrincipal = cache(async (): Promise<Principal | null> => principalFromHeaders(new Headers(await headers())));

/** In pages: the principal, or a redirect to sign-in. */
export async function requirePrincipal(): Promise<Principal> {
  const p = await getPrincipal();
  if (!p) redirect("/signin");
  return p;
}

/** In pages: does the signed-in principal have at least this role? */
export async function principalHas(role: Role): Promise<boolean> {
  return hasRole(await getPrincipal(), role);
}
