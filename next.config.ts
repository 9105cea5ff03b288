import type { NextConfig } from "next";
import { env } from "./server/config";

// A bad environment fails the build, as it fails start-up (skip for image builds).
// (No top-level await here: Next require()s the compiled config, which cannot hold one.)
if (!process.env.SKIP_ENV_VALIDATION) env();

/**
 * Security headers on every response. Next's inline bootstrap scripts need 'unsafe-inline';
 * 'unsafe-eval' only in development (React's dev tooling). No third-party host anywhere.
 */
const isDev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const config: NextConfig = {
  output: "standalone",
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@kubernetes/client-node", "pino", "s3rver"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` as its own step before the build; checking again here costs CI time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
