import type { StaffRole } from "./permissions";

/** Where each role lands after signing in. */
export function homeOf(role: StaffRole): string {
  switch (role) {
    case "coordinator":
    case "admin":
      return "/staff/triage";
    case "agent":
      return "/staff/desk";
    case "delegate":
      return "/delegate";
    case "mayor_office":
      return "/staff/penalties";
  }
}

/** Only paths inside the staff area are followed after sign-in (no open redirect). */
export function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(staff|delegate)(\/[\w\-/?=&%.]*)?$/.test(next) && !next.includes("//") ? next : null;
}
