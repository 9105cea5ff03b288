/**
 * AWS Signature V4 verification for the S3 front (s3rver checks only the access key id of a V4
 * request, and lets anonymous requests through; MinIO refuses both a wrong secret and no signature).
 */
import { createHash, createHmac } from "node:crypto";
import type http from "node:http";

export type SigV4Result = { ok: true } | { ok: false; status: number; code: string; message: string };

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s).digest();

/** RFC 3986 encoding as S3 canonicalises it */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(search: URLSearchParams, skip?: string): string {
  const pairs: Array<[string, string]> = [];
  search.forEach((v, k) => {
    if (k !== skip) pairs.push([uriEncode(k), uriEncode(v)]);
  });
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function canonicalPath(rawPath: string): string {
  // decode what the client sent, then encode each segment once (S3 does not double-encode)
  return rawPath
    .split("/")
    .map((seg) => uriEncode(decodeURIComponent(seg)))
    .join("/");
}

function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v.join(",") : (v ?? "")).trim().replace(/\s+/g, " ");
}

const denied = (code: string, message: string, status = 403): SigV4Result => ({ ok: false, status, code, message });

export function verifySigV4(req: http.IncomingMessage, keys: { accessKey: string; secretKey: string }): SigV4Result {
  const url = new URL(req.url ?? "/", "http://s3.local");
  const auth = header(req, "authorization");
  let credential: string;
  let signedHeaders: string[];
  let signature: string;
  let amzDate: string;
  let payloadHash: string;
  let query: string;
  if (auth.startsWith("AWS4-HMAC-SHA256 ")) {
    const parts = Object.fromEntries(
      auth
        .slice("AWS4-HMAC-SHA256 ".length)
        .split(",")
        .map((p) => p.trim().split("=") as [string, string]),
    );
    credential = parts.Credential ?? "";
    signedHeaders = (parts.SignedHeaders ?? "").split(";");
    signature = parts.Signature ?? "";
    amzDate = header(req, "x-amz-date");
    payloadHash = header(req, "x-amz-content-sha256") || "UNSIGNED-PAYLOAD";
    query = canonicalQuery(url.searchParams);
  } else if (url.searchParams.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256") {
    credential = url.searchParams.get("X-Amz-Credential") ?? "";
    signedHeaders = (url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";");
    signature = url.searchParams.get("X-Amz-Signature") ?? "";
    amzDate = url.searchParams.get("X-Amz-Date") ?? "";
    payloadHash = "UNSIGNED-PAYLOAD";
    query = canonicalQuery(url.searchParams, "X-Amz-Signature");
    const expires = Number(url.searchParams.get("X-Amz-Expires") ?? "0");
    const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"));
    if (Number.isFinite(signedAt) && Date.now() > signedAt + expires * 1000) return denied("AccessDenied", "Request has expired");
  } else {
    return denied("AccessDenied", "Access Denied.");
  }
  const [accessKey, ...scopeParts] = credential.split("/");
  if (accessKey !== keys.accessKey) return denied("InvalidAccessKeyId", "The Access Key Id you provided does not exist in our records.");
  const scope = scopeParts.join("/");
  const [date, region, service] = scopeParts;
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${header(req, h)}\n`).join("");
  const canonicalRequest = [req.method ?? "GET", canonicalPath(url.pathname), query, canonicalHeaders, signedHeaders.join(";"), payloadHash].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${keys.secretKey}`, date ?? "");
  const kSigning = hmac(hmac(hmac(kDate, region ?? ""), service ?? ""), "aws4_request");
  const expected = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  if (expected !== signature) {
    return denied("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
  }
  return { ok: true };
}
