CREATE TABLE "edge_heartbeats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agent_version" text NOT NULL,
	"curriculum_version" text NOT NULL,
	"last_curriculum_sync_at" timestamp with time zone,
	"last_submission_upload_at" timestamp with time zone,
	"queued_changes" integer NOT NULL,
	"disk_used_bytes" bigint NOT NULL,
	"disk_total_bytes" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edge_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edge_sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"sync_interval" text NOT NULL,
	"node_name" text,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"token_created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"token_rotated_at" timestamp with time zone,
	"token_revoked_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edge_sites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "edge_heartbeats" ADD CONSTRAINT "edge_heartbeats_site_id_edge_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."edge_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "edge_heartbeats_site_sent" ON "edge_heartbeats" USING btree ("site_id","sent_at");--> statement-breakpoint
CREATE INDEX "edge_heartbeats_site_received" ON "edge_heartbeats" USING btree ("site_id","received_at");--> statement-breakpoint
CREATE INDEX "edge_requests_site_at" ON "edge_requests" USING btree ("site_id","at");