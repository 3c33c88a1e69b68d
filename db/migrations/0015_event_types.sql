-- Event types become the names of the commands that write them (lib/domain/workflow.ts): one name
-- per step. The column's type change rewrites the rows without an UPDATE, so the append-only
-- trigger is not involved; a citizen's reply and a member of staff's resumption, both once
-- 'info_provided', are told apart by who wrote them.
CREATE TYPE "public"."report_event_type" AS ENUM('submit', 'route', 'reroute', 'recategorize', 'merge', 'attach_duplicate', 'declare_inadmissible', 'take', 'ask_information', 'provide_information', 'resume', 'add_note', 'answer', 'give_account', 'remind', 'escalate_routing', 'escalate_response', 'apply_silence', 'close', 'reopen', 'give_feedback', 'propose_penalty', 'cancel_penalty', 'contest_penalty', 'confirm_penalty', 'waive_penalty', 'anonymise');--> statement-breakpoint
ALTER TABLE "report_events" ALTER COLUMN "type" SET DATA TYPE "public"."report_event_type" USING (CASE "type"
  WHEN 'info_provided' THEN CASE WHEN "actor_role" = 'citizen' THEN 'provide_information' ELSE 'resume' END
  WHEN 'submitted' THEN 'submit'
  WHEN 'routed' THEN 'route'
  WHEN 'rerouted' THEN 'reroute'
  WHEN 'recategorized' THEN 'recategorize'
  WHEN 'merged' THEN 'merge'
  WHEN 'duplicate_attached' THEN 'attach_duplicate'
  WHEN 'inadmissible' THEN 'declare_inadmissible'
  WHEN 'taken' THEN 'take'
  WHEN 'info_requested' THEN 'ask_information'
  WHEN 'note' THEN 'add_note'
  WHEN 'answered' THEN 'answer'
  WHEN 'delegate_account' THEN 'give_account'
  WHEN 'silence_applied' THEN 'apply_silence'
  WHEN 'reminder' THEN 'remind'
  WHEN 'escalated' THEN 'escalate_routing'
  WHEN 'escalated_response' THEN 'escalate_response'
  WHEN 'closed' THEN 'close'
  WHEN 'reopened' THEN 'reopen'
  WHEN 'feedback' THEN 'give_feedback'
  WHEN 'penalty_proposed' THEN 'propose_penalty'
  WHEN 'penalty_cancelled' THEN 'cancel_penalty'
  WHEN 'penalty_contested' THEN 'contest_penalty'
  WHEN 'penalty_confirmed' THEN 'confirm_penalty'
  WHEN 'penalty_waived' THEN 'waive_penalty'
  WHEN 'anonymised' THEN 'anonymise'
  ELSE "type"
END)::"public"."report_event_type";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;