import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, parseEnv } from "./config";

const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");

function readmeVariables(): string[] {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

describe("configuration", () => {
  it("documents every variable of the schema in the README table, and nothing else", () => {
    expect(readmeVariables().sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("names every bad variable in one message", () => {
    let err: unknown;
    try {
      parseEnv({ NEXTAUTH_SECRET: "short", DATABASE_URL: "not a url", GRIO_CLUSTERS: "{nope" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ["NEXTAUTH_SECRET", "DATABASE_URL", "GRIO_CLUSTERS"]) expect(msg).toContain(name);
  });

  it("accepts a minimal valid environment with defaults", () => {
    const e = parseEnv({ NEXTAUTH_SECRET: "x".repeat(32) });
    expect(e.DATA_DIR).toBe("./.data");
    expect(e.TRUSTED_PROXIES).toEqual([]);
    expect(e.GRIO_DEMO).toBe(false);
  });
});
