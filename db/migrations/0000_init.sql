CREATE TYPE "public"."answer_outcome" AS ENUM('upheld', 'rejected', 'reoriented');--> statement-breakpoint
CREATE TYPE "public"."attachment_kind" AS ENUM('image', 'document');--> statement-breakpoint
CREATE TYPE "public"."day_count" AS ENUM('calendar', 'working');--> statement-breakpoint
CREATE TYPE "public"."report_channel" AS ENUM('web', 'phone', 'counter', 'email', 'letter', 'api');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('submitted', 'routed', 'in_progress', 'needs_info', 'answered', 'closed', 'duplicate', 'inadmissible');--> statement-breakpoint
CREATE TYPE "public"."silence_rule" AS ENUM('none', 'rejection', 'acceptance');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('coordinator', 'agent', 'mayor_office', 'delegate', 'admin');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid,
	"claim_token" text NOT NULL,
	"kind" "attachment_kind" NOT NULL,
	"mime_type" text NOT NULL,
	"storage_key" text NOT NULL,
	"original_key" text,
	"original_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_claim_token_unique" UNIQUE("claim_token")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" smallint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"service_id" smallint NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"notice" jsonb,
	"triage_hours" smallint DEFAULT 48 NOT NULL,
	"response_days" smallint DEFAULT 30 NOT NULL,
	"response_day_count" "day_count" DEFAULT 'calendar' NOT NULL,
	"silence_rule" "silence_rule" DEFAULT 'none' NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"penalty_amount_minor" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "categories_code_unique" UNIQUE("code"),
	CONSTRAINT "categories_triage_hours_positive" CHECK ("categories"."triage_hours" > 0),
	CONSTRAINT "categories_response_days_positive" CHECK ("categories"."response_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "city" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"currency" text NOT NULL,
	"default_locale" text DEFAULT 'fr' NOT NULL,
	"holiday_country" text NOT NULL,
	"weekend_days" integer[] DEFAULT '{0,6}'::integer[] NOT NULL,
	"center_lat" double precision NOT NULL,
	"center_lng" double precision NOT NULL,
	"default_zoom" smallint DEFAULT 13 NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"tracking_prefix" text NOT NULL,
	"emergency_phone" text
);
--> statement-breakpoint
CREATE TABLE "delegates" (
	"id" smallint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delegates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contract_ref" text,
	"penalty_amount_minor" integer DEFAULT 50000 NOT NULL,
	"penalty_currency" text DEFAULT 'MAD' NOT NULL,
	"contact_email" text,
	CONSTRAINT "delegates_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" smallint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "districts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"center_lat" double precision NOT NULL,
	"center_lng" double precision NOT NULL,
	CONSTRAINT "districts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"report_id" uuid,
	"transport" text NOT NULL,
	"provider_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_categories" (
	"report_id" uuid NOT NULL,
	"category_id" smallint NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "report_categories_report_id_category_id_pk" PRIMARY KEY("report_id","category_id"),
	CONSTRAINT "report_categories_position_range" CHECK ("report_categories"."position" in (0, 1))
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"from_status" "report_status",
	"to_status" "report_status",
	"public_message" text,
	"internal_note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_number" text NOT NULL,
	"status" "report_status" DEFAULT 'submitted' NOT NULL,
	"channel" "report_channel" DEFAULT 'web' NOT NULL,
	"description" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"district_id" smallint,
	"service_id" smallint NOT NULL,
	"citizen_name" text,
	"citizen_email" text,
	"citizen_phone" text,
	"is_anonymous" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"idempotency_key" text,
	"idempotency_hash" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"routing_due_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"routed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"outcome" "answer_outcome",
	"answer" text,
	"duplicate_of_id" uuid,
	"created_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_tracking_number_unique" UNIQUE("tracking_number"),
	CONSTRAINT "reports_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "reports_lat_range" CHECK ("reports"."lat" between -90 and 90),
	CONSTRAINT "reports_lng_range" CHECK ("reports"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" smallint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"email" text,
	"delegate_id" smallint,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"name" text,
	"image" text,
	"password_hash" text,
	"role" "user_role",
	"first_name" text,
	"last_name" text,
	"title" text,
	"service_id" smallint,
	"delegate_id" smallint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mails" ADD CONSTRAINT "mails_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_categories" ADD CONSTRAINT "report_categories_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_categories" ADD CONSTRAINT "report_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_delegate_id_delegates_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."delegates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_delegate_id_delegates_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."delegates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_report_idx" ON "attachments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "mails_created_idx" ON "mails" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_categories_position_key" ON "report_categories" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "report_categories_category_idx" ON "report_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reports_service_status_idx" ON "reports" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "reports_submitted_at_idx" ON "reports" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "reports_lat_lng_idx" ON "reports" USING btree ("lat","lng");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));