/**
 * The lifecycle of a report, in one place: its status sets, and every command that changes a report
 * or writes to its timeline — who may give it, from which status to which, the data its event
 * carries, whether the public sees that event, and what the citizen is told. A command's name is
 * also its event type (the database enum `report_event_type` is made from this table) and, for
 * staff, its permission action (`report.<command>`, lib/auth/permissions). The data layer applies a
 * command through one function (lib/dal/commands.ts); the interface reads the same table to offer
 * only what will be accepted.
 *
 *   submitted → routed → in_progress → answered → closed
 *   + needs_info (waiting for the citizen, response clock paused), duplicate, inadmissible (both final).
 *
 * Adding a command: one entry in COMMANDS. The compiler then lists every place that must handle it
 * (its permission if staff give it, its event's label in the three languages).
 */
import { z } from "zod";
import { REPORT_STATUSES, type ReportStatusName } from "./types";

export type Actor = "citizen" | "system" | "coordinator" | "agent" | "delegate" | "mayor_office" | "admin";

/** Statuses in which the city still owes an answer (the response clock runs or is paused). */
export const OPEN_STATUSES = ["submitted", "routed", "in_progress", "needs_info"] as const satisfies readonly ReportStatusName[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Open and not waiting for the citizen: the deadlines the tick watches are running. */
export const RUNNING_STATUSES = ["submitted", "routed", "in_progress"] as const satisfies readonly OpenStatus[];

/** Statuses a service's desk works in. */
export const DESK_STATUSES = ["routed", "in_progress", "needs_info"] as const satisfies readonly OpenStatus[];

/** Statuses with nothing more to do: merged into another report, or spam and abuse. */
export const FINAL_STATUSES = ["duplicate", "inadmissible"] as const satisfies readonly ReportStatusName[];

/** Every status but the final ones. */
export const LIVE_STATUSES = ["submitted", "routed", "in_progress", "needs_info", "answered", "closed"] as const satisfies readonly ReportStatusName[];

export function isOpen(status: ReportStatusName): boolean {
  return (OPEN_STATUSES as readonly ReportStatusName[]).includes(status);
}

/** Statuses the public may see; spam and abuse (`inadmissible`) are hidden everywhere public. */
export function isPublicStatus(status: string): boolean {
  return status !== "inadmissible";
}

// Delegates are not here: the outcome of a complaint about a delegated service is the city's to decide.
const DESK: readonly Actor[] = ["agent", "coordinator", "admin"];
const TRIAGE: readonly Actor[] = ["coordinator", "admin"];

/** A move's target, or its target with its own actors when only some of the command's may make it. */
type Move = ReportStatusName | { to: ReportStatusName; by: readonly Actor[] };
type Moves = Partial<Record<ReportStatusName, Move>>;

/** What the citizen (and the citizens of the reports merged into theirs) is told after a command. */
export type CitizenNotice = "routed" | "needs_info" | "answered" | "reopened" | "merged";

/** Permissions of commands that are not named `report.<command>`. */
type OwnPermission = "report.intake" | "report.merge" | "penalty.contest" | "penalty.decide" | "citizen.anonymise";

type CommandRule = {
  /** A command that changes the status: from each status it may be given in, to the one it leads to. */
  moves?: Moves;
  /** A command that leaves the status as it is, and the statuses it may be given in. */
  in?: readonly ReportStatusName[];
  /** Who may give it (staff by role; the citizen holding the tracking number; the scheduled tick). */
  by: readonly Actor[];
  /** The data its event carries. */
  data: z.ZodType<Record<string, unknown> | null>;
  /** Shown in the citizen's and the public's timeline. Internal notes, reminders, penalties… are not. */
  public: boolean;
  /** The citizen's mail after the change, by who gave it. */
  notify?: (by: Actor) => CitizenNotice | null;
  /**
   * The permission a member of staff needs, when it is not `report.<command>`: the penalty's own
   * lifecycle (lib/domain/penalties) and the erasure of a citizen's contact.
   */
  permission?: OwnPermission;
};

const none = z.null();
const id = z.string().uuid();
const files = z.object({ attachments: z.number().int().min(0) });
const outcome = z.enum(["upheld", "rejected", "reoriented"]);

export const COMMANDS = {
  /** A new report, by its citizen or entered by staff for a caller: filed by lib/dal/reports (a creation, not a change). */
  submit: {
    moves: {},
    by: ["citizen", "coordinator", "agent", "admin"],
    permission: "report.intake",
    data: z.object({ channel: z.enum(["web", "phone", "counter", "email", "letter", "api"]) }),
    public: true,
  },
  route: {
    moves: { submitted: "routed" },
    by: TRIAGE,
    data: z.object({ serviceId: z.number().int(), fromServiceId: z.number().int() }),
    public: true,
    notify: () => "routed",
  },
  /** To another service, directly or by a change of the main category; a report in progress starts again there. */
  reroute: {
    moves: { routed: "routed", in_progress: "routed" },
    by: TRIAGE,
    data: z.object({ serviceId: z.number().int(), fromServiceId: z.number().int().optional(), categoryIds: z.array(z.number().int()).optional() }),
    public: true,
    notify: () => "routed",
  },
  recategorize: {
    in: ["submitted", "routed", "in_progress"],
    by: TRIAGE,
    data: z.object({ categoryIds: z.array(z.number().int()), serviceId: z.number().int() }),
    public: false,
  },
  merge: {
    moves: { submitted: "duplicate", routed: "duplicate", in_progress: "duplicate" },
    by: TRIAGE,
    data: z.object({ masterId: id }),
    public: true,
    notify: () => "merged",
  },
  /** On the master, when another report is merged into it. */
  attach_duplicate: {
    in: LIVE_STATUSES,
    by: TRIAGE,
    data: z.object({ duplicateId: id }),
    public: false,
    permission: "report.merge",
  },
  declare_inadmissible: { moves: { submitted: "inadmissible", routed: "inadmissible" }, by: TRIAGE, data: none, public: false },
  take: { moves: { routed: "in_progress" }, by: DESK, data: none, public: true },
  ask_information: {
    moves: { routed: "needs_info", in_progress: "needs_info" },
    by: DESK,
    data: none,
    public: true,
    notify: () => "needs_info",
  },
  /** The citizen's reply to a question, from the tracking page, with its files. */
  provide_information: { moves: { needs_info: "in_progress" }, by: ["citizen"], data: files, public: true },
  /** Staff restart the clock (the details came by phone). */
  resume: { moves: { needs_info: "in_progress" }, by: DESK, data: none, public: true },
  add_note: { in: REPORT_STATUSES, by: DESK, data: none, public: false },
  answer: {
    moves: { routed: "answered", in_progress: "answered", needs_info: "answered" },
    by: DESK,
    data: z.object({ outcome, reorientedTo: z.string().nullable() }),
    public: true,
    notify: () => "answered",
  },
  /** A delegate's account of the facts, with its evidence; it decides nothing. */
  give_account: {
    in: LIVE_STATUSES,
    by: ["delegate"],
    data: z.object({ doneOn: z.string().nullable(), attachments: z.number().int().min(0) }),
    public: false,
  },
  /** The tick: 75 % of the response time is spent. */
  remind: { in: ["routed", "in_progress"], by: ["system"], data: none, public: false },
  /** The tick: the 48 h of triage are over. */
  escalate_routing: { in: ["submitted"], by: ["system"], data: z.object({ deadline: z.literal("routing") }), public: false },
  /** The tick: the response is late and no silence rule answers for the city. */
  escalate_response: { in: ["routed", "in_progress"], by: ["system"], data: z.object({ deadline: z.literal("response") }), public: false },
  /** The tick: the category's silence rule, at the response deadline (CRPA: rejection or acceptance). */
  apply_silence: {
    moves: { routed: "answered", in_progress: "answered" },
    by: ["system"],
    data: z.object({ outcome: z.enum(["upheld", "rejected"]), rule: z.enum(["rejection", "acceptance"]) }),
    public: true,
    notify: () => "answered",
  },
  close: {
    moves: { answered: "closed" },
    by: ["citizen", "system", ...TRIAGE],
    data: z.object({ reason: z.literal("no_feedback") }).nullable(),
    public: true,
  },
  /** "Is the problem fixed?" — a no (the citizen) or a coordinator reopens it with its service. */
  reopen: {
    moves: { answered: "in_progress", closed: { to: "routed", by: TRIAGE } },
    by: ["citizen", ...TRIAGE],
    data: z.object({ reason: z.literal("not_fixed") }).nullable(),
    public: true,
    // The citizen who said "not fixed" knows.
    notify: (by) => (by === "citizen" ? null : "reopened"),
  },
  give_feedback: {
    in: ["answered"],
    by: ["citizen"],
    data: z.object({ fixed: z.boolean(), rating: z.number().int().min(1).max(5) }),
    public: false,
  },
  propose_penalty: {
    in: ["answered", "closed"],
    by: ["system"],
    data: z.object({ penaltyId: id, delegateId: z.number().int(), amountMinor: z.number().int(), currency: z.string() }),
    public: false,
  },
  cancel_penalty: { in: REPORT_STATUSES, by: ["system"], data: z.object({ penaltyId: id }), public: false },
  contest_penalty: { in: REPORT_STATUSES, by: ["delegate"], data: z.object({ penaltyId: id }), public: false, permission: "penalty.contest" },
  confirm_penalty: { in: REPORT_STATUSES, by: ["mayor_office"], data: z.object({ penaltyId: id }), public: false, permission: "penalty.decide" },
  waive_penalty: { in: REPORT_STATUSES, by: ["mayor_office"], data: z.object({ penaltyId: id }), public: false, permission: "penalty.decide" },
  /** The citizen's contact erased: by the tick after the retention, or by an administrator on request. */
  anonymise: {
    in: REPORT_STATUSES,
    by: ["system", "admin"],
    data: z.object({ reason: z.string() }),
    public: false,
    permission: "citizen.anonymise",
  },
} as const satisfies Record<string, CommandRule>;

export type Command = keyof typeof COMMANDS;

/** Every command, in the table's order: the values of the database enum `report_event_type`. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as [Command, ...Command[]];

export type CommandData<C extends Command> = z.infer<(typeof COMMANDS)[C]["data"]>;

type StaffRoleActor = Exclude<Actor, "citizen" | "system">;

/** Commands a member of staff gives under the permission `report.<command>`. */
export type StaffReportCommand = {
  [C in Command]: (typeof COMMANDS)[C] extends { permission: string }
    ? never
    : Extract<(typeof COMMANDS)[C]["by"][number], StaffRoleActor> extends never
      ? never
      : C;
}[Command];

/** The permission action a member of staff needs for a command. */
export function permissionOf(command: Command): `report.${StaffReportCommand}` | OwnPermission {
  const rule: CommandRule = COMMANDS[command];
  return rule.permission ?? (`report.${command}` as `report.${StaffReportCommand}`);
}

/** Where a command leads from a status, if the actor may give it there. */
export function moveOf(command: Command, from: ReportStatusName, actor: Actor): ReportStatusName | null {
  const rule: CommandRule = COMMANDS[command];
  if (rule.in) return rule.in.includes(from) && rule.by.includes(actor) ? from : null;
  const move = rule.moves?.[from];
  if (move === undefined) return null;
  if (typeof move === "string") return rule.by.includes(actor) ? move : null;
  return move.by.includes(actor) ? move.to : null;
}

export type Transition = { from: ReportStatusName; to: ReportStatusName; by: readonly Actor[]; action: Command };

/** Every status change the commands allow (re-routing moves a report from `routed` to `routed`). */
export const TRANSITIONS: readonly Transition[] = COMMAND_NAMES.flatMap((action) => {
  const rule: CommandRule = COMMANDS[action];
  return Object.entries(rule.moves ?? {}).map(([from, move]) => {
    const { to, by } = typeof move === "string" ? { to: move, by: rule.by } : move;
    return { from: from as ReportStatusName, to, by, action };
  });
});

export function canTransition(from: ReportStatusName, to: ReportStatusName, actor: Actor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(actor));
}

/** The status changes an actor may make from a status. */
export function transitionsFor(from: ReportStatusName, actor: Actor): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes(actor));
}

/** The commands an actor may give on a report in this status (for the buttons a desk shows). */
export function commandsFor(from: ReportStatusName, actor: Actor): Command[] {
  return COMMAND_NAMES.filter((c) => moveOf(c, from, actor) !== null);
}

/** Commands whose events the citizen and the public see in a report's timeline. */
export type PublicCommand = { [C in Command]: (typeof COMMANDS)[C]["public"] extends true ? C : never }[Command];

/** The commands a member of staff gives on a report under `report.<command>` in this status (the desk's buttons). */
export function staffCommandsFor(from: ReportStatusName, actor: Actor): StaffReportCommand[] {
  return commandsFor(from, actor).filter((c): c is StaffReportCommand => (COMMANDS[c] as CommandRule).permission === undefined);
}

/** Timeline events the citizen and the public see. */
export const PUBLIC_EVENT_TYPES = COMMAND_NAMES.filter((c) => (COMMANDS[c] as CommandRule).public) as PublicCommand[];

/** The mail a command sends its citizen, given who gave it. */
export function noticeOf(command: Command, by: Actor): CitizenNotice | null {
  const rule: CommandRule = COMMANDS[command];
  return rule.notify?.(by) ?? null;
}

/** Checks an event's data against its command's schema (throws on a mismatch: a programming error). */
export function eventData<C extends Command>(command: C, data: CommandData<C>): Record<string, unknown> | null {
  return (COMMANDS[command].data as z.ZodType<Record<string, unknown> | null>).parse(data);
}
