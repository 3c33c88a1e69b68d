-- Rate-limit counters are not records: nothing is lost if a crash resets them (the windows are an
-- hour or a day). Unlogged, a counter's update writes no WAL, so the citizen's submission does not
-- wait for a disk flush to pass its flood check — and every submission from one address (a school,
-- a carrier's NAT) no longer queues behind the previous one's flush on that address's counter row.
ALTER TABLE "rate_limits" SET UNLOGGED;
