CREATE INDEX "reports_running_idx" ON "reports" USING btree ("id") WHERE "reports"."status" in ('submitted', 'routed', 'in_progress');--> statement-breakpoint
CREATE INDEX "reports_duplicate_of_idx" ON "reports" USING btree ("duplicate_of_id") WHERE "reports"."duplicate_of_id" is not null;--> statement-breakpoint
CREATE INDEX "reports_retention_idx" ON "reports" USING btree ((case when "status" = 'closed' then coalesce("closed_at", "updated_at") else "updated_at" end)) WHERE "reports"."anonymised_at" is null and "reports"."status" in ('closed', 'duplicate', 'inadmissible');--> statement-breakpoint
-- An update marks its reports' days for the statistics only when it changes what they count
-- (lib/dal/stats-sums reads these columns): the tick's anonymisation of 200,000 old reports, or a
-- reminder's touch, no longer uncomputes two years of stored months that it did not change.
CREATE OR REPLACE FUNCTION stats_mark_reports() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_dirty (day)
      SELECT DISTINCT (d.submitted_at AT TIME ZONE 'UTC')::date
      FROM previous p JOIN changed c ON c.id = p.id, LATERAL (VALUES (p.submitted_at), (c.submitted_at)) AS d(submitted_at)
      WHERE d.submitted_at < now() - interval '1 hour'
        AND (p.status, p.service_id, p.district_id, p.channel, p.submitted_at, p.routing_due_at, p.response_due_at, p.routed_at,
             p.answered_at, p.closed_at, p.paused_at, p.outcome, p.duplicate_of_id)
          IS DISTINCT FROM
            (c.status, c.service_id, c.district_id, c.channel, c.submitted_at, c.routing_due_at, c.response_due_at, c.routed_at,
             c.answered_at, c.closed_at, c.paused_at, c.outcome, c.duplicate_of_id)
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END IF;
  INSERT INTO stats_dirty (day)
    SELECT DISTINCT (submitted_at AT TIME ZONE 'UTC')::date FROM changed WHERE submitted_at < now() - interval '1 hour'
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
