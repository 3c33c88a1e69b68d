/**
 * The domain's vocabulary as plain types, so that rules in lib/domain never import the database.
 * db/schema.ts declares the same lists as enums; a test keeps the two in step.
 */
export const REPORT_STATUSES = ["submitted", "routed", "in_progress", "needs_info", "answered", "closed", "duplicate", "inadmissible"] as const;
export type ReportStatusName = (typeof REPORT_STATUSES)[number];

export const SILENCE_RULES = ["none", "rejection", "acceptance"] as const;
export type SilenceRuleName = (typeof SILENCE_RULES)[number];
