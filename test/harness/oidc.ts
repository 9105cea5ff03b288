import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import { freePort } from "@/server/testing/ports";

/**
 * A minimal OpenID Connect provider on 127.0.0.1 for tests: discovery, an authorize endpoint that
 * approves at once as `nextUser`, a token endpoint (PKCE checked) issuing an RS256 id_token, JWKS.
 */
export type OidcUser = { sub: string; email: string; name: string; [claim: string]: unknown };

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who the next authorization signs in as */
  nextUser: OidcUser;
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${sign("sha256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

export async function startFakeOidcProvider(user: OidcUser): Promise<FakeOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(4).toString("hex");
  const codes = new Map<string, { user: OidcUser; clientId: string; nonce?: string; challenge?: string }>();
  const provider: FakeOidcProvider = { issuer, clientId: "grio-ops", clientSecret: "grio-ops-secret", nextUser: user, stop: async () => undefined };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", issuer);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === "/.well-known/openid-configuration") {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          userinfo_endpoint: `${issuer}/userinfo`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (url.pathname === "/jwks") return json(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" }] });
      if (url.pathname === "/authorize") {
        const code = randomBytes(16).toString("hex");
        codes.set(code, {
          user: provider.nextUser,
          clientId: url.searchParams.get("client_id") ?? "",
          nonce: url.searchParams.get("nonce") ?? undefined,
          challenge: url.searchParams.get("code_challenge") ?? undefined,
        });
        const back = new URL(url.searchParams.get("redirect_uri") ?? "");
        back.searchParams.set("code", code);
        const state = url.searchParams.get("state");
        if (state) back.searchParams.set("state", state);
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === "/token" && req.method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (!grant) return json(400, { error: "invalid_grant" });
        const verifier = form.get("code_verifier");
        if (grant.challenge && createHash("sha256").update(verifier ?? "").digest("base64url") !== grant.challenge) {
          return json(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
        }
        const now = Math.floor(Date.now() / 1000);
        const idToken = signJwt({ iss: issuer, aud: grant.clientId, iat: now, exp: now + 300, ...(grant.nonce ? { nonce: grant.nonce } : {}), ...grant.user }, privateKey, kid);
        return json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
      }
      if (url.pathname === "/userinfo") return json(200, provider.nextUser);
      json(404, { error: "not found" });
    })().catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  provider.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return provider;
}
