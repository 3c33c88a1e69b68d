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
  /**
   * Set when the role requires a second factor (admin, mayor's office) and the account has none:
   * signed in, but refused every command until it enrols one (`mayPerform`, `can` and the report
   * checks all say no; only the account's own enrolment commands accept it).
   */
  mustEnrolSecondFactor?: true;
};

/** What a report's scope is made of: its service and the delegate running that service. */
export type ReportScope = { serviceId: number; serviceDelegateId: number | null };

export type Capability =
  | "read" // read the reports in one's reach (every member of staff)
  | "triage" // see every new report, route, merge, declare inadmissible, reopen
  | "intake" // enter a phone/counter/letter/email request on a caller's behalf
  | "desk" // work a service's queue: take, ask the citizen, note, answer (decide the outcome)
  | "account" // a delegate's account of the facts on a report about its service, with evidence
  | "contact" // see the citizen's name, email and phone, and the letters sent to them (never a delegate: a private company)
  | "stats" // read the statistics
  | "penalties" // read the whole penalty ledger
  | "penalty_decision" // confirm or waive penalties
  | "penalty_contest" // contest a penalty proposed against one's company
  | "admin"; // configure the city

const CAPABILITIES: Record<StaffRole, readonly Capability[]> = {
  coordinator: ["read", "contact", "triage", "intake", "desk", "stats"],
  agent: ["read", "contact", "intake", "desk"],
  mayor_office: ["read", "contact", "stats", "penalties", "penalty_decision"],
  // A delegate answers for the facts; the city decides the outcome (and so whether it is fined).
  delegate: ["read", "account", "penalty_contest"],
  admin: ["read", "contact", "triage", "intake", "desk", "stats", "penalties", "admin"],
};

/** A member of staff who may act at all: signed in, and enrolled if the role requires a factor. */
export function isEnrolled(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && !viewer.mustEnrolSecondFactor;
}

export function can(viewer: Viewer | null, capability: Capability): boolean {
  return isEnrolled(viewer) && CAPABILITIES[viewer.role].includes(capability);
}

/** Whether the viewer may read this report (its description, photos and timeline). */
export function canReadReport(viewer: Viewer | null, scope: ReportScope): boolean {
  if (!isEnrolled(viewer)) return false;
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
  return can(viewer, "contact") && canReadReport(viewer, scope);
}

/**
 * A report's file, for a member of staff who may read the report: the citizen's photos of the
 * problem and a delegate's evidence are for everyone in reach; what the citizen sent later with a
 * reply to the city (an identity document, a letter) is for the city's own staff only.
 */
export function canSeeAttachment(viewer: Viewer | null, file: { source: "citizen" | "staff" | "delegate"; eventId: number | null }): boolean {
  if (viewer === null) return false;
  return viewer.role !== "delegate" || !(file.source === "citizen" && file.eventId !== null);
}

/**
 * The citizen's tracking number opens the report's page and speaks as the citizen there (reply,
 * feedback): the city's own staff only. A delegate could otherwise rate its own work as the citizen.
 */
export function canSeeTrackingNumber(viewer: Viewer | null): boolean {
  return isEnrolled(viewer) && viewer.role !== "delegate";
}

/**
 * Every command the data layer runs for a member of staff, with the capability it needs and the
 * scope it is checked in:
 * - `city`: the capability is enough (configuration, statistics, a new report entered by staff);
 * - `report`: the report must also be in the viewer's reach (an agent's service, a delegate's
 *   services; the mayor's office reads but never acts);
 * - `report_read`: the same reach, for reading (the mayor's office reads every report);
 * - `delegate`: a delegate only for its own company (its penalties); others by capability.
 * This is the table the authorization test enumerates: a server action or route handler that
 * reaches a command outside it is refused by the command itself. A report command's permission is
 * `report.<command>` (lib/domain/workflow `permissionOf`): a new command given by staff does not
 * compile (lib/dal/commands) until its permission is here.
 */
export const ACTIONS = {
  "report.read": { capability: "read", scope: "report_read" },
  /** A report's letters (they name its citizen): its readers who may see the citizen's contact. */
  "letter.read": { capability: "contact", scope: "report_read" },
  /** How many reports were filed since a moment (the triage screen's "new reports" notice). */
  "report.watch_new": { capability: "triage", scope: "city" },
  "report.route": { capability: "triage", scope: "report" },
  "report.reroute": { capability: "triage", scope: "report" },
  "report.recategorize": { capability: "triage", scope: "report" },
  "report.merge": { capability: "triage", scope: "report" },
  "report.declare_inadmissible": { capability: "triage", scope: "report" },
  "report.reopen": { capability: "triage", scope: "report" },
  "report.close": { capability: "triage", scope: "report" },
  "report.take": { capability: "desk", scope: "report" },
  "report.ask_information": { capability: "desk", scope: "report" },
  "report.resume": { capability: "desk", scope: "report" },
  "report.add_note": { capability: "desk", scope: "report" },
  "report.answer": { capability: "desk", scope: "report" },
  "report.give_account": { capability: "account", scope: "report" },
  "report.intake": { capability: "intake", scope: "city" },
  "penalty.read": { capability: "penalties", scope: "city" },
  "penalty.read_own": { capability: "penalty_contest", scope: "delegate" },
  "penalty.decide": { capability: "penalty_decision", scope: "city" },
  "penalty.contest": { capability: "penalty_contest", scope: "delegate" },
  "stats.read": { capability: "stats", scope: "city" },
  "city.configure": { capability: "admin", scope: "city" },
  "citizen.anonymise": { capability: "admin", scope: "city" },
  "api_key.manage": { capability: "admin", scope: "city" },
  "audit.read": { capability: "admin", scope: "city" },
  "mail.read": { capability: "admin", scope: "city" },
  "mail.resend": { capability: "admin", scope: "city" },
  "account.reset_second_factor": { capability: "admin", scope: "city" },
} as const satisfies Record<string, { capability: Capability; scope: "city" | "report" | "report_read" | "delegate" }>;

export type Action = keyof typeof ACTIONS;

/** What an action is checked against: a report's scope, a delegate company, or nothing. */
export type ActionTarget = ReportScope | { delegateId: number } | undefined;

/**
 * Whether the viewer may perform the action on the target. Without a target, only the capability
 * is checked (for a command that then checks each report it loads).
 */
export function mayPerform(viewer: Viewer | null, action: Action, target?: ActionTarget): boolean {
  const rule = ACTIONS[action];
  if (!viewer || !can(viewer, rule.capability)) return false;
  if (target === undefined) return true;
  if (rule.scope === "report" && "serviceId" in target) return canActOnReport(viewer, target);
  if (rule.scope === "report_read" && "serviceId" in target) return canReadReport(viewer, target);
  if (rule.scope === "delegate" && "delegateId" in target) return viewer.role !== "delegate" || viewer.delegateId === target.delegateId;
  return rule.scope === "city";
}

/** The workflow actor a viewer acts as. */
export function actorOf(viewer: Viewer): Actor {
  return viewer.role;
}
