import { defineConfig } from "drizzle-kit";

// `flock /tmp/drizzle.lock npx drizzle-kit generate --name <what>` — needs no database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
