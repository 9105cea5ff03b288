import { NextResponse, type NextRequest } from "next/server";

/**
 * Pages without a session cookie go to sign-in. The cookie is only checked for presence here; every
 * page and API call re-reads the principal from the database. API routes (/api/*) are not matched:
 * they answer 401/403 themselves, never a redirect.
 */
export function proxy(req: NextRequest) {
  const hasSession = req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));
  if (hasSession) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  const back = req.nextUrl.pathname + req.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api/|_next/|signin|favicon\\.ico|robots\\.txt|fonts/).*)"],
};
