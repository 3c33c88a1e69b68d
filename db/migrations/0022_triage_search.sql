-- The staff triage map (lib/dal/staff-reports) on 1,000,000 reports (issue 21, point 2; bench/README.md,
-- session 16). Its search looked for the words anywhere in every report's description, address and
-- tracking number (`ilike '%…%'`), reading the whole table: about 2 s. Trigrams (pg_trgm, shipped with
-- PostgreSQL, Neon and PGlite) index the three fields joined as the query joins them
-- (reportSearchText, db/schema.ts), one index for the three so that a filing writes one entry.
-- A viewport's exact count reads the place index alone once it carries what the filters read: the
-- same key, now with INCLUDE (drizzle-kit does not model it: db/schema.ts declares it without).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX IF EXISTS "reports_lat_lng_idx";--> statement-breakpoint
CREATE INDEX "reports_lat_lng_idx" ON "reports" USING btree ("lat","lng") INCLUDE ("status", "service_id", "district_id", "channel", "submitted_at");--> statement-breakpoint
CREATE INDEX "reports_search_idx" ON "reports" USING gin (("description" || E'\x1f' || coalesce("address", '') || E'\x1f' || "tracking_number") gin_trgm_ops);
