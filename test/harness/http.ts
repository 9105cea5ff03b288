import superjson from "superjson";

/** One tRPC answer: HTTP status, the decoded data on success, the error shape otherwise. */
export type TrpcResult<T = unknown> = {
  status: number;
  data: T | undefined;
  error: { message: string; code: string; httpStatus: number; zodError?: unknown } | undefined;
  raw: unknown;
};

/**
 * A cookie-keeping HTTP client for the console: sign in like a browser (csrf + credentials
 * callback), or present an API token, then call tRPC procedures over HTTP.
 */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly opts: { bearer?: string; headers?: Record<string, string> } = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...this.opts.headers, ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.opts.bearer) h.authorization = `Bearer ${this.opts.bearer}`;
    return h;
  }

  private keepCookies(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === "" || /expires=thu, 01 jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.baseUrl), { redirect: "manual", ...init, headers: this.headers(init.headers) });
    this.keepCookies(res);
    return res;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.fetch(path, { headers });
  }

  postForm(path: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.fetch(path, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  /**
   * Signs in with email and password. Returns the HTTP status of the credentials callback and
   * whether a session cookie came back (302 + cookie = signed in; 429 = rate limited).
   */
  async trySignIn(email: string, password: string, headers?: Record<string, string>): Promise<{ status: number; ok: boolean; body: string }> {
    const csrfRes = await this.get("/api/auth/csrf", headers);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await this.postForm(
      "/api/auth/callback/credentials",
      { csrfToken, email, password, callbackUrl: `${this.baseUrl}/overview` },
      headers,
    );
    const body = await res.text();
    const location = res.headers.get("location") ?? "";
    const ok = res.status === 302 && !location.includes("error=") && [...this.cookies.keys()].some((k) => k.includes("session-token"));
    return { status: res.status, ok, body };
  }

  async signIn(email: string, password: string): Promise<this> {
    const r = await this.trySignIn(email, password);
    if (!r.ok) throw new Error(`sign-in as ${email} failed: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    return this;
  }

  async signOut(): Promise<void> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await this.postForm("/api/auth/signout", { csrfToken, callbackUrl: `${this.baseUrl}/signin` });
  }

  private async decode<T>(res: Response): Promise<TrpcResult<T>> {
    const text = await res.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { status: res.status, data: undefined, error: { message: text.slice(0, 300), code: "NOT_JSON", httpStatus: res.status }, raw: text };
    }
    const body = raw as { result?: { data: { json: unknown; meta?: unknown } }; error?: { json: unknown; meta?: unknown } };
    if (body.result) {
      return { status: res.status, data: superjson.deserialize(body.result.data as never) as T, error: undefined, raw };
    }
    const err = body.error ? (superjson.deserialize(body.error as never) as { message: string; data: { code: string; httpStatus: number; zodError?: unknown } }) : undefined;
    return {
      status: res.status,
      data: undefined,
      error: err ? { message: err.message, code: err.data?.code, httpStatus: err.data?.httpStatus, zodError: err.data?.zodError } : undefined,
      raw,
    };
  }

  /** GET /api/trpc/<path>?input=… (superjson) */
  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcResult<T>> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.decode<T>(await this.get(`/api/trpc/${path}${qs}`));
  }

  /** POST /api/trpc/<path> with a superjson body */
  async mutation<T = unknown>(path: string, input?: unknown): Promise<TrpcResult<T>> {
    const res = await this.fetch(`/api/trpc/${path}`, {
      method: "POST",
      body: JSON.stringify(input === undefined ? {} : superjson.serialize(input)),
      headers: { "content-type": "application/json" },
    });
    return this.decode<T>(res);
  }
}
