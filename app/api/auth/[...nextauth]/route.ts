import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { requestClientIp } from "@/server/auth/request-ip";
import { env } from "@/server/config";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { signInLimit } from "@/server/services/sign-in-limits";
import { withRouteMetrics } from "@/server/observability/metrics";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, ctx, authOptions()) as Promise<Response>;
}

export const GET = withRouteMetrics("auth", nextAuth);

/**
 * next-auth's `authorize` cannot answer 429, so the credentials callback is wrapped: too many recent
 * failures for the account or the client IP → 429 before the password is even checked.
 */
async function postHandler(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = new URLSearchParams(await req.clone().text());
    const email = (form.get("email") ?? "").trim().toLowerCase();
    const ip = requestClientIp(req.headers);
    const db = await getDb();
    const verdict = await signInLimit(db, { email, ip });
    if (verdict.limited) {
      await recordEvent(
        { principal: { kind: "anonymous", id: null, email: null, name: email || "unknown", role: null }, requestId: crypto.randomUUID() },
        { action: "auth.sign-in", target: email || "unknown", parameters: { method: "credentials", ip, limitedBy: verdict.by }, status: "denied", error: verdict.message },
        db,
      );
      const url = new URL("/signin", env().NEXTAUTH_URL);
      url.searchParams.set("error", "RateLimited");
      return Response.json({ url: url.toString(), error: "RateLimited", message: verdict.message }, { status: 429, headers: { "Retry-After": "60" } });
    }
  }
  return nextAuth(req, ctx);
}

export const POST = withRouteMetrics("auth", postHandler);
