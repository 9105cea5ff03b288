CREATE TABLE "alert_thresholds" (
	"id" text PRIMARY KEY NOT NULL,
	"alert_name" text NOT NULL,
	"title" text NOT NULL,
	"query" text NOT NULL,
	"comparison" text NOT NULL,
	"threshold" double precision NOT NULL,
	"unit" text NOT NULL,
	"for_seconds" integer NOT NULL,
	"severity" text NOT NULL,
	"action" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "alert_thresholds_alert_name_unique" UNIQUE("alert_name")
);
--> statement-breakpoint
CREATE TABLE "service_check_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"up" boolean NOT NULL,
	"latency_ms" integer,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "service_check_rounds" (
	"slot" bigint PRIMARY KEY NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "service_check_results_name_checked_at_idx" ON "service_check_results" USING btree ("name","checked_at");