CREATE TYPE "public"."letter_kind" AS ENUM('answer', 'acknowledgement');--> statement-breakpoint
CREATE TABLE "letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" "letter_kind" NOT NULL,
	"event_id" bigint,
	"code" text NOT NULL,
	"locale" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"service_name" jsonb NOT NULL,
	"object" text NOT NULL,
	"pdf" "bytea",
	"sha256" text NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "letters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "postal_address" jsonb;--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "opening_hours" jsonb;--> statement-breakpoint
ALTER TABLE "city" ADD COLUMN "logo_png" "bytea";--> statement-breakpoint
ALTER TABLE "mails" ADD COLUMN "letter_id" uuid;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_event_id_report_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."report_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letters_report_idx" ON "letters" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_event_key" ON "letters" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_acknowledgement_key" ON "letters" USING btree ("report_id") WHERE "letters"."kind" = 'acknowledgement';--> statement-breakpoint
ALTER TABLE "mails" ADD CONSTRAINT "mails_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A letter, once issued, never changes: no DELETE, and the one UPDATE allowed erases its PDF (the
-- citizen's data, lib/dal/privacy) and nothing else.
CREATE OR REPLACE FUNCTION letters_issued_once() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'letters are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.pdf IS NULL AND NEW.erased_at IS NOT NULL
     AND (NEW.id, NEW.report_id, NEW.kind, NEW.event_id, NEW.code, NEW.locale, NEW.issued_at, NEW.service_name, NEW.object, NEW.sha256)
       IS NOT DISTINCT FROM (OLD.id, OLD.report_id, OLD.kind, OLD.event_id, OLD.code, OLD.locale, OLD.issued_at, OLD.service_name, OLD.object, OLD.sha256) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a letter never changes once issued (only its PDF may be erased)' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER letters_issued_once BEFORE UPDATE OR DELETE ON letters FOR EACH ROW EXECUTE FUNCTION letters_issued_once();
