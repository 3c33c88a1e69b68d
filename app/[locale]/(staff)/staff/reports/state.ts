/** What a staff action returns to its form: a code to translate, and field errors. */
/** `requestId` comes with an unexpected failure: the reference a user gives to support. */
export type StaffActionState = { status: "idle" | "ok" | "error"; code?: string; fieldErrors?: Record<string, string[]>; requestId?: string };
