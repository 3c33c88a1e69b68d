CREATE TYPE "public"."mail_state" AS ENUM('queued', 'sent', 'retrying', 'dead');--> statement-breakpoint
ALTER TABLE "mails" ALTER COLUMN "transport" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mails" ADD COLUMN "state" "mail_state" DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "mails" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mails" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
-- Mails written before the outbox were tried once, in the request: sent, or failed and never tried again (dead: an admin may send them again).
UPDATE "mails" SET "state" = CASE WHEN "sent_at" IS NOT NULL THEN 'sent'::"mail_state" ELSE 'dead'::"mail_state" END, "attempts" = 1, "last_attempt_at" = coalesce("sent_at", "created_at");--> statement-breakpoint
CREATE INDEX "mails_report_idx" ON "mails" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "mails_undelivered_idx" ON "mails" USING btree ("state","created_at") WHERE state <> 'sent';