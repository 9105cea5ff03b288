export type RoleName = "admin" | "operator" | "viewer";
const RANK: Record<RoleName, number> = { viewer: 0, operator: 1, admin: 2 };

/** Reads a claim by dotted path ("realm_access.roles" for Keycloak, "groups" for Authentik/Dex). */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let cur: unknown = claims;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return [];
    cur = (cur as Record<string, unknown>)[key];
  }
  if (typeof cur === "string") return cur.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(cur)) return cur.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role that any of the user's groups maps to; undefined when none maps (sign-in refused). */
export function roleFromClaims(claims: Record<string, unknown>, claimPath: string, map: Record<string, RoleName>): RoleName | undefined {
  let best: RoleName | undefined;
  for (const value of claimValues(claims, claimPath)) {
    const role = map[value];
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}
