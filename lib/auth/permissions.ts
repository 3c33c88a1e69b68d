/**
 * Who may do what, as pure functions of the signed-in user and the report's scope. The data layer
 * calls these before every read and write; the pages only use them to hide what would be refused.
 */
import type { Actor } from "@/lib/domain/workflow";

export const STAFF_ROLES = ["coordinator", "agent", "mayor_office", "delegate", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in member of staff, as the session and the data layer know them. */
export type Viewer = {
  id: string;
  email: string;
  role: StaffRole;
  /** An agent's service. */
  serviceId: number | null;
  /** A delegate's company. */
  delegateId: number | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
};

/** What a report's scope is made of: its service and the delegate running that service. */
export type ReportScope = { serviceId: number; serviceDelegateId: number | null };

export type Capability =
  | "triage" // see every new report, route, merge, declare inadmissible, reopen
  | "intake" // enter a phone/counter/letter/email request on a caller's behalf
  | "desk" // work a service's queue
  | "stats" // read the statistics
  | "penalties" // decide on penalties
  | "admin"; // configure the city

const CAPABILITIES: Record<StaffRole, readonly Capability[]> = {
  coordinator: ["triage", "intake", "desk", "stats"],
  agent: ["intake", "desk"],
  mayor_office: ["stats", "penalties"],
  delegate: ["desk"],
  admin: ["triage", "intake", "desk", "stats", "penalties", "admin"],
};

export function can(viewer: Viewer | null, capability: Capability): boolean {
  return viewer !== null && CAPABILITIES[viewer.role].includes(capability);
}

/** Whether the viewer may read this report (its description, photos and timeline). */
export function canReadReport(viewer: Viewer | null, scope: ReportScope): boolean {
  if (!viewer) return false;
  switch (viewer.role) {
    case "coordinator":
    case "admin":
    case "mayor_office":
      return true;
    case "agent":
      return viewer.serviceId !== null && viewer.serviceId === scope.serviceId;
    case "delegate":
      return viewer.delegateId !== null && viewer.delegateId === scope.serviceDelegateId;
  }
}

/** Whether the viewer may change this report (the workflow then decides which changes). */
export function canActOnReport(viewer: Viewer | null, scope: ReportScope): boolean {
  if (!viewer || viewer.role === "mayor_office") return false;
  return canReadReport(viewer, scope);
}

/**
 * The citizen's name, email and phone: for the city's own staff only. A delegate is a private
 * company; it answers through the platform and never receives the citizen's contact.
 */
export function canSeeCitizenContact(viewer: Viewer | null, scope: ReportScope): boolean {
  return viewer !== null && viewer.role !== "delegate" && canReadReport(viewer, scope);
}

/** The workflow actor a viewer acts as. */
export function actorOf(viewer: Viewer): Actor {
  return viewer.role;
}
