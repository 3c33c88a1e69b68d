-- The timeline of a report is append-only: the database itself refuses to change or delete an
-- event (a report deleted as a whole still takes its events with it, through the cascade).
CREATE OR REPLACE FUNCTION report_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM reports WHERE id = OLD.report_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'report_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER report_events_no_update BEFORE UPDATE ON report_events FOR EACH ROW EXECUTE FUNCTION report_events_append_only();
--> statement-breakpoint
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events FOR EACH ROW EXECUTE FUNCTION report_events_append_only();
