import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/services/passwords";
import { DEMO_PASSWORD, ensureStartupUsers } from "@/server/services/startup-users";
import { findUserByEmail, listUsers } from "@/server/services/users";
import { freshTestDb } from "@/test/harness/suite-db";

const h = freshTestDb("pglite");


describe("start-up users", () => {
  it("creates the first admin from GRIO_ADMIN_EMAIL/PASSWORD once, and never overwrites it", async () => {
    await ensureStartupUsers(h.db, { GRIO_ADMIN_EMAIL: "Lead@Grio.example", GRIO_ADMIN_PASSWORD: "first-password", GRIO_DEMO: false });
    await ensureStartupUsers(h.db, { GRIO_ADMIN_EMAIL: "lead@grio.example", GRIO_ADMIN_PASSWORD: "changed-in-env", GRIO_DEMO: false });
    const lead = await findUserByEmail(h.db, "lead@grio.example");
    expect(lead).toMatchObject({ role: "admin", source: "env", disabled: false });
    expect(await verifyPassword("first-password", lead!.passwordHash)).toBe(true);
  });

  it("creates the demo users only in demo mode, and disables them when demo mode is off", async () => {
    await ensureStartupUsers(h.db, { GRIO_DEMO: true });
    const roles = Object.fromEntries((await listUsers(h.db)).filter((u) => u.source === "demo").map((u) => [u.email, u.role]));
    expect(roles).toEqual({ "admin@grio.local": "admin", "oncall@grio.local": "operator", "ministry@grio.local": "viewer" });
    expect(await verifyPassword(DEMO_PASSWORD, (await findUserByEmail(h.db, "oncall@grio.local"))!.passwordHash)).toBe(true);

    await ensureStartupUsers(h.db, { GRIO_DEMO: false });
    expect((await listUsers(h.db)).filter((u) => u.source === "demo").every((u) => u.disabled)).toBe(true);
    expect((await findUserByEmail(h.db, "lead@grio.example"))!.disabled).toBe(false);
  });
});
