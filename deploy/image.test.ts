import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Docker cannot run on this machine, so the image is checked in two ways: the standalone server
 * it ships is started by test/integration/standalone.http.test.ts through the same assembly script
 * and entrypoint; and the Dockerfile itself is checked here for the promises the README makes.
 */
const root = path.resolve(import.meta.dirname, "..");
const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
const entrypoint = fs.readFileSync(path.join(root, "scripts/standalone-entrypoint.sh"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1).map((s) => `FROM ${s}`);
const runtime = stages.at(-1)!;

/** ENV KEY=value pairs of a stage (one ENV instruction may span continuation lines) */
function envOf(stage: string): Record<string, string> {
  const joined = stage.replace(/\\\n\s*/g, " ");
  const out: Record<string, string> = {};
  for (const line of joined.split("\n").filter((l) => l.startsWith("ENV "))) {
    for (const m of line.slice(4).matchAll(/([A-Z_]+)=(\S+)/g)) out[m[1]!] = m[2]!;
  }
  return out;
}

describe("Dockerfile", () => {
  it("builds on node:20-alpine in stages and ships only the assembled standalone server", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-alpine$/m);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const s of stages) expect(s).toMatch(/^FROM \$\{NODE_IMAGE\}/);
    expect(dockerfile).toContain("sh scripts/assemble-standalone.sh .next");
    expect(runtime).toMatch(/COPY --from=build [^\n]*\/src\/\.next\/standalone\/ \/app\//);
    expect(runtime).not.toMatch(/npm (ci|install)|RUN .*(curl|wget) /);
  });

  it("runs as a non-root user with a health check and the shared entrypoint", () => {
    expect(runtime).toMatch(/^USER 1001:1001$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m);
    expect(runtime).toContain('ENTRYPOINT ["/app/entrypoint.sh"]');
    expect(runtime).toMatch(/mkdir -p \/app\/\.next\/cache && chown -R 1001:1001 \/app\/\.next\/cache/);
  });

  it("sets the same environment as the entrypoint that npm run start:standalone runs", () => {
    const env = envOf(runtime);
    expect(env).toMatchObject({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOSTNAME: "0.0.0.0", PORT: "3000" });
    for (const [k, v] of Object.entries(env)) {
      expect(entrypoint, `${k} in the entrypoint`).toMatch(new RegExp(`export ${k}=(${v.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}|"\\$\\{${k}:-${v.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\}")$`, "m"));
    }
    expect(entrypoint).toMatch(/^exec node server\.js$/m);
  });

  it("keeps sources only in the build context", () => {
    const ignore = fs.readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    for (const p of ["node_modules", ".git", ".next*", ".data*"]) expect(ignore).toContain(p);
  });
});
