import type { Role } from "@/db/schema";

/** Who is calling: a signed-in user or an API token (attributed to the token in the audit log). */
export type Principal = {
  kind: "user" | "token";
  id: string;
  email: string | null;
  name: string;
  role: Role;
  /** the user's time display preference (tokens: UTC) */
  timeZone: "UTC" | "Africa/Kampala";
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** viewer < operator < admin */
export function hasRole(principal: Pick<Principal, "role"> | null | undefined, needed: Role): boolean {
  return !!principal && RANK[principal.role] >= RANK[needed];
}
