-- The staff triage map (lib/dal/staff-reports listReportsForStaff, countReportsForStaff) on 1,000,000
-- reports: its order (reports waiting for triage first, then by deadline) read from an index instead
-- of sorting every matching report, and over the open reports (its default) with what the filters
-- read (status, position, service, district, deadlines), so that the 2,000 rows of a viewport and its
-- exact count are found in the index alone (bench/README.md, session 13). drizzle-kit does not model
-- INCLUDE: db/schema.ts declares them without it.
CREATE INDEX "reports_triage_open_idx" ON "reports" USING btree (("status" = 'submitted') desc,(case when "status" = 'submitted' then "routing_due_at" else "response_due_at" end),"submitted_at")
  INCLUDE ("id", "status", "lat", "lng", "service_id", "district_id", "routing_due_at", "response_due_at")
  WHERE "reports"."status" in ('submitted', 'routed', 'in_progress', 'needs_info');--> statement-breakpoint
CREATE INDEX "reports_triage_idx" ON "reports" USING btree (("status" = 'submitted') desc,(case when "status" = 'submitted' then "routing_due_at" else "response_due_at" end),"submitted_at");
