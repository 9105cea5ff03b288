import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "@/server/testing/ports";

describe("start-up with an invalid configuration", () => {
  it("stops the built console with one message naming every bad variable", async () => {
    const port = await freePort();
    const child = spawn(path.join(process.cwd(), "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
        SKIP_ENV_VALIDATION: "1", // as in an image: the build skipped it, start-up must not
        NEXTAUTH_SECRET: "too-short",
        DATABASE_URL: "not-a-url",
        LOG_LEVEL: "loud",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull();
    for (const name of ["NEXTAUTH_SECRET", "DATABASE_URL", "LOG_LEVEL"]) expect(output).toContain(name);
  });
});
