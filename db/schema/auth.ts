import { boolean, index, integer, pgTable, text, timestamp, uuid, bigserial } from "drizzle-orm/pg-core";

export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const TIME_ZONES = ["UTC", "Africa/Kampala"] as const;
export type TimeZonePreference = (typeof TIME_ZONES)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** stored lower-case */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** bcrypt; null for users who only sign in through OIDC */
  passwordHash: text("password_hash"),
  role: text("role").$type<Role>().notNull(),
  disabled: boolean("disabled").notNull().default(false),
  timeZone: text("time_zone").$type<TimeZonePreference>().notNull().default("UTC"),
  /** "credentials" | "oidc" | "demo" | "env" | "cli" */
  source: text("source").notNull().default("credentials"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** sha256 hex of the secret; the secret itself is shown once and never stored */
  tokenHash: text("token_hash").notNull().unique(),
  /** first characters of the secret, to recognise a token in lists */
  prefix: text("prefix").notNull(),
  role: text("role").$type<Role>().notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  useCount: integer("use_count").notNull().default(0),
});

/** Failed sign-ins, counted per account and per client IP (shared by every replica). */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** "account:<email>" or "ip:<address>" */
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_at").on(t.key, t.at)],
);
