import { describe, expect, it } from "vitest";
import { roleFromClaims } from "./roles";

const map = { "grio-admins": "admin", "grio-oncall": "operator", "ministry-it": "viewer" } as const;

describe("roleFromClaims", () => {
  it("maps a groups array to the highest role", () => {
    expect(roleFromClaims({ groups: ["ministry-it", "grio-oncall"] }, "groups", map)).toBe("operator");
  });
  it("reads a nested Keycloak claim", () => {
    expect(roleFromClaims({ realm_access: { roles: ["grio-admins"] } }, "realm_access.roles", map)).toBe("admin");
  });
  it("refuses a user whose groups map to no role", () => {
    expect(roleFromClaims({ groups: ["staff"] }, "groups", map)).toBeUndefined();
    expect(roleFromClaims({}, "groups", map)).toBeUndefined();
  });
});
