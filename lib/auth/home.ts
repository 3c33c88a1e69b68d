import type { StaffRole } from "./permissions";

/** Where each role lands after signing in. */
export function homeOf(role: StaffRole): string {
  switch (role) {
    case "coordinator":
    case "admin":
      return "/staff/triage";
    case "agent":
    case "delegate":
      return "/staff/desk";
    case "mayor_office":
      return "/staff/desk";
  }
}

/** Only paths inside the staff area are followed after sign-in (no open redirect). */
export function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(staff)(\/[\w\-/?=&%.]*)?$/.test(next) && !next.includes("//") ? next : null;
}
