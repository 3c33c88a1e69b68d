-- The public map reads, for a city-wide view, every open report and every report closed in the last
-- 90 days (about 170,000 of a million). Its two indexes now carry the columns it reads, so it reads
-- them from the indexes alone (index-only scans: no heap page, once vacuum has marked the pages
-- all-visible): the whole city at zoom 12 went from 440 to 165 ms on 1,000,000 reports
-- (bench/README.md). drizzle-kit does not model INCLUDE: db/schema.ts declares them without it.
DROP INDEX IF EXISTS "reports_map_open_idx";--> statement-breakpoint
CREATE INDEX "reports_map_open_idx" ON "reports" USING btree ("lat", "lng") INCLUDE ("id")
  WHERE "reports"."status" IN ('submitted', 'routed', 'in_progress', 'needs_info', 'answered');--> statement-breakpoint
DROP INDEX IF EXISTS "reports_map_closed_idx";--> statement-breakpoint
CREATE INDEX "reports_map_closed_idx" ON "reports" USING btree ("closed_at") INCLUDE ("lat", "lng", "id")
  WHERE "reports"."status" = 'closed';
