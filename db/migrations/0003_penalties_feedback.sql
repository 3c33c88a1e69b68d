CREATE TYPE "public"."penalty_state" AS ENUM('proposed', 'contested', 'confirmed', 'waived', 'cancelled');--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"fixed" boolean NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_rating_range" CHECK ("feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"delegate_id" smallint NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"state" "penalty_state" DEFAULT 'proposed' NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"contest_deadline" timestamp with time zone NOT NULL,
	"contested_at" timestamp with time zone,
	"contest_text" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decision_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "penalties_amount_positive" CHECK ("penalties"."amount_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "penalty_id" uuid;--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "penalty_contest_days" smallint DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "auto_close_days" smallint DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_delegate_id_delegates_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."delegates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_report_answer_key" ON "feedback" USING btree ("report_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "penalties_report_delegate_key" ON "penalties" USING btree ("report_id","delegate_id");--> statement-breakpoint
CREATE INDEX "penalties_delegate_idx" ON "penalties" USING btree ("delegate_id","proposed_at");