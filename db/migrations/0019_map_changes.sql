-- The public map holds its points in memory and asks, every few seconds while visitors come, for the
-- reports changed since its last look (lib/dal/public-map): by this index, a handful of rows, not a scan.
CREATE INDEX IF NOT EXISTS "reports_updated_at_idx" ON "reports" USING btree ("updated_at");
