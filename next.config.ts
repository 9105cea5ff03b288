import type { NextConfig } from "next";

// A bad environment fails the build, as it fails start-up (skip for image builds).
if (!process.env.SKIP_ENV_VALIDATION) {
  const { env } = await import("./server/config");
  env();
}

const config: NextConfig = {
  output: "standalone",
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@kubernetes/client-node", "pino", "s3rver"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
