/** What a staff action returns to its form: the one action answer (a code to translate, field errors, a reference). */
export type { ActionState as StaffActionState } from "@/lib/actions/server-action";
