import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import type { Env } from "@/server/config";
import { hashPassword } from "./passwords";
import { createUser, findUserByEmail, updateUser } from "./users";

export const DEMO_PASSWORD = "grio-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@grio.local", name: "Demo Admin", role: "admin" },
  { email: "oncall@grio.local", name: "Demo On-call", role: "operator" },
  { email: "ministry@grio.local", name: "Demo Ministry IT", role: "viewer" },
];

/**
 * On start-up: the first admin from GRIO_ADMIN_EMAIL/GRIO_ADMIN_PASSWORD (created once, never
 * overwritten), and the demo users — which exist only in demo mode: with GRIO_DEMO off they are
 * disabled.
 */
export async function ensureStartupUsers(db: Db, e: Pick<Env, "GRIO_ADMIN_EMAIL" | "GRIO_ADMIN_PASSWORD" | "GRIO_DEMO">): Promise<void> {
  if (e.GRIO_ADMIN_EMAIL && e.GRIO_ADMIN_PASSWORD && !(await findUserByEmail(db, e.GRIO_ADMIN_EMAIL))) {
    await createUser(db, { email: e.GRIO_ADMIN_EMAIL, password: e.GRIO_ADMIN_PASSWORD, role: "admin", source: "env" }).catch(
      async (err) => {
        // another replica created it at the same moment
        if (!(await findUserByEmail(db, e.GRIO_ADMIN_EMAIL!))) throw err;
      },
    );
  }
  if (e.GRIO_DEMO) {
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const demo of DEMO_USERS) {
      const existing = await findUserByEmail(db, demo.email);
      if (!existing) {
        await db.insert(users).values({ ...demo, passwordHash: hash, source: "demo" }).onConflictDoNothing();
      } else if (existing.source === "demo") {
        await updateUser(db, existing.id, { role: demo.role, disabled: false, passwordHash: hash });
      }
    }
  } else {
    await db.update(users).set({ disabled: true }).where(eq(users.source, "demo"));
  }
}
