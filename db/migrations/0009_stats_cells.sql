CREATE TABLE "stats_cells" (
	"month" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"totals" jsonb NOT NULL,
	"bins" jsonb NOT NULL,
	CONSTRAINT "stats_cells_month_dimension_key_pk" PRIMARY KEY("month","dimension","key")
);
--> statement-breakpoint
CREATE TABLE "stats_dirty" (
	"day" date PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_months" (
	"month" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Where a quantile straddles two response bins, the two exact values are looked up in this index
-- (bin = the tenth of a day the response time is published as, as in lib/domain/stats responseBin).
-- The columns of the look-up's keys are included, so that it reads the index only.
CREATE INDEX "reports_response_bin_idx" ON "reports" USING btree ((floor(extract(epoch from ("answered_at" - "submitted_at")) / 8640 + 0.5)::int), "submitted_at") INCLUDE ("answered_at", "service_id", "district_id", "channel", "status", "id") WHERE "answered_at" IS NOT NULL;
--> statement-breakpoint
-- The day of every report whose statistics facts change goes to stats_dirty, so that its month is
-- read live until it is computed again. A report less than an hour old is left out: its month is
-- still the current one (always read live), and a month is computed two hours after it ends.
CREATE OR REPLACE FUNCTION stats_mark_reports() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_dirty (day)
      SELECT DISTINCT (submitted_at AT TIME ZONE 'UTC')::date FROM previous WHERE submitted_at < now() - interval '1 hour'
      ON CONFLICT DO NOTHING;
  END IF;
  INSERT INTO stats_dirty (day)
    SELECT DISTINCT (submitted_at AT TIME ZONE 'UTC')::date FROM changed WHERE submitted_at < now() - interval '1 hour'
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_mark_report_facts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_dirty (day)
      SELECT DISTINCT (r.submitted_at AT TIME ZONE 'UTC')::date FROM previous p JOIN reports r ON r.id = p.report_id
      WHERE r.submitted_at < now() - interval '1 hour'
      ON CONFLICT DO NOTHING;
  END IF;
  INSERT INTO stats_dirty (day)
    SELECT DISTINCT (r.submitted_at AT TIME ZONE 'UTC')::date FROM changed c JOIN reports r ON r.id = c.report_id
    WHERE r.submitted_at < now() - interval '1 hour'
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER stats_reports_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_reports();
--> statement-breakpoint
CREATE TRIGGER stats_reports_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_reports();
--> statement-breakpoint
CREATE TRIGGER stats_reports_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_reports();
--> statement-breakpoint
CREATE TRIGGER stats_report_categories_insert AFTER INSERT ON report_categories REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_report_categories_update AFTER UPDATE ON report_categories REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_report_categories_delete AFTER DELETE ON report_categories REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_feedback_insert AFTER INSERT ON feedback REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_feedback_update AFTER UPDATE ON feedback REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_feedback_delete AFTER DELETE ON feedback REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_report_supports_insert AFTER INSERT ON report_supports REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_report_supports_update AFTER UPDATE ON report_supports REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_report_supports_delete AFTER DELETE ON report_supports REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_penalties_insert AFTER INSERT ON penalties REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_penalties_update AFTER UPDATE ON penalties REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
--> statement-breakpoint
CREATE TRIGGER stats_penalties_delete AFTER DELETE ON penalties REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_report_facts();
