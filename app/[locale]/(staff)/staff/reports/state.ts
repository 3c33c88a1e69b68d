/** What a staff action returns to its form: a code to translate, and field errors. */
export type StaffActionState = { status: "idle" | "ok" | "error"; code?: string; fieldErrors?: Record<string, string[]> };
export const idleState: StaffActionState = { status: "idle" };
