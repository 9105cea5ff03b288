import { z } from "zod";

/**
 * Every environment variable the console reads, validated once. A bad or missing value stops the
 * process with one message naming every bad variable. The README's configuration table is checked
 * against this schema by a test (server/config.test.ts): add a row there when you add a variable.
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional());

const jsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "is not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema.optional());

export const clusterSettingsSchema = z.record(
  z.string(),
  z.object({
    displayName: z.string().min(1).optional(),
    tier: z.enum(["cloud", "edge", "on-prem"]).default("cloud"),
    production: z.boolean().default(false),
  }),
);

export const serviceCheckSchema = z.array(
  z.object({
    name: z.string().min(1),
    kind: z.enum(["http-json-status", "http", "prometheus-query"]),
    /** URL for http kinds, PromQL for prometheus-query */
    target: z.string().min(1),
    production: z.boolean().default(true),
  }),
);

export const backupStreamsSchema = z.array(
  z.object({
    /** "postgres" and "qdrant" override the defaults; any other name adds a stream */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    prefix: z.string().min(1).optional(),
    rpoHours: z.number().positive().optional(),
    retention: z.int().positive().optional(),
    /** file names that count as backups end with this (default: any file) */
    suffix: z.string().optional(),
  }),
);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // storage
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default("./.data"),
  // auth
  NEXTAUTH_URL: z.url().default("http://127.0.0.1:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  GRIO_ADMIN_EMAIL: z.email().optional(),
  GRIO_ADMIN_PASSWORD: z.string().min(8).optional(),
  GRIO_DEMO: bool,
  GRIO_READ_ONLY: bool,
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ROLES_CLAIM: z.string().default("groups"),
  OIDC_ROLE_MAP: jsonOf(z.record(z.string(), z.enum(["admin", "operator", "viewer"]))),
  // kubernetes
  KUBECONFIG: z.string().optional(),
  GRIO_IN_CLUSTER: bool,
  GRIO_CLUSTERS: jsonOf(clusterSettingsSchema),
  // observability sources
  PROMETHEUS_URL: optionalUrl,
  PROMETHEUS_BEARER_TOKEN: z.string().optional(),
  PROMETHEUS_BASIC_AUTH: z.string().optional(),
  ALERTMANAGER_URL: optionalUrl,
  LOKI_URL: optionalUrl,
  // object storage (MinIO) and Qdrant
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BACKUPS_BUCKET: z.string().default("backups"),
  BACKUP_STREAMS: jsonOf(backupStreamsSchema),
  S3_MIRROR_ENDPOINT: optionalUrl,
  S3_MIRROR_ACCESS_KEY: z.string().optional(),
  S3_MIRROR_SECRET_KEY: z.string().optional(),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: z.string().optional(),
  // edge sites
  EDGE_CURRICULUM_VERSION: z.string().min(1).optional(),
  // service checks and the console's own observability
  SERVICE_CHECKS: jsonOf(serviceCheckSchema),
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    const names = [...new Set(result.error.issues.map((i) => String(i.path[0])))];
    throw new ConfigError(
      `Invalid configuration — fix these environment variables: ${names.join(", ")}\n${lines.join("\n")}`,
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
