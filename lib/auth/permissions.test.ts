import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  STAFF_ROLES,
  can,
  canActOnReport,
  canReadReport,
  canSeeCitizenContact,
  canSeeTrackingNumber,
  mayPerform,
  type Action,
  type Viewer,
} from "./permissions";

const viewer = (role: Viewer["role"], extra: Partial<Viewer> = {}): Viewer => ({
  id: "u",
  email: `${role}@x`,
  role,
  serviceId: null,
  delegateId: null,
  firstName: null,
  lastName: null,
  title: null,
  ...extra,
});
const waste = { serviceId: 1, serviceDelegateId: 7 };
const roads = { serviceId: 2, serviceDelegateId: null };

describe("permissions", () => {
  it("gives each role its capabilities and nothing to the anonymous", () => {
    const table = Object.fromEntries(
      STAFF_ROLES.map((r) => [
        r,
        (["read", "triage", "intake", "desk", "account", "stats", "penalties", "penalty_decision", "penalty_contest", "admin"] as const).filter((c) =>
          can(viewer(r), c),
        ),
      ]),
    );
    expect(table).toEqual({
      coordinator: ["read", "triage", "intake", "desk", "stats"],
      agent: ["read", "intake", "desk"],
      mayor_office: ["read", "stats", "penalties", "penalty_decision"],
      delegate: ["read", "account", "penalty_contest"],
      admin: ["read", "triage", "intake", "desk", "stats", "penalties", "admin"],
    });
    expect(can(null, "desk")).toBe(false);
  });

  it("keeps agents and delegates to their own service", () => {
    const agent = viewer("agent", { serviceId: 1 });
    expect(canReadReport(agent, waste)).toBe(true);
    expect(canReadReport(agent, roads)).toBe(false);
    expect(canActOnReport(agent, roads)).toBe(false);
    const delegate = viewer("delegate", { delegateId: 7 });
    expect(canReadReport(delegate, waste)).toBe(true);
    expect(canReadReport(delegate, roads)).toBe(false);
    expect(canReadReport(viewer("agent"), waste)).toBe(false); // an agent without a service sees nothing
    expect(canReadReport(null, waste)).toBe(false);
  });

  it("lets the mayor's office read but not act, and hides citizens' contact from delegates", () => {
    expect(canReadReport(viewer("mayor_office"), roads)).toBe(true);
    expect(canActOnReport(viewer("mayor_office"), roads)).toBe(false);
    expect(canSeeCitizenContact(viewer("delegate", { delegateId: 7 }), waste)).toBe(false);
    expect(canSeeCitizenContact(viewer("coordinator"), waste)).toBe(true);
    expect(canSeeCitizenContact(viewer("agent", { serviceId: 2 }), waste)).toBe(false);
  });

  it("performs an action only with its capability and, for reports and penalties, in scope", () => {
    const agent = viewer("agent", { serviceId: 1 });
    const delegate = viewer("delegate", { delegateId: 7 });
    expect(mayPerform(agent, "report.answer", waste)).toBe(true);
    expect(mayPerform(agent, "report.answer", roads)).toBe(false);
    expect(mayPerform(agent, "report.route", waste)).toBe(false);
    expect(mayPerform(viewer("mayor_office"), "report.answer", roads)).toBe(false);
    // A delegate gives its account of the facts on its own reports; it never decides their outcome.
    expect(mayPerform(delegate, "report.give_account", waste)).toBe(true);
    expect(mayPerform(delegate, "report.give_account", roads)).toBe(false);
    for (const action of ["report.take", "report.answer", "report.ask_information", "report.resume", "report.add_note"] as const) {
      expect(mayPerform(delegate, action, waste), action).toBe(false);
    }
    expect(mayPerform(agent, "report.give_account", waste)).toBe(false);
    expect(canSeeTrackingNumber(delegate)).toBe(false);
    expect(canSeeTrackingNumber(agent)).toBe(true);
    expect(mayPerform(delegate, "penalty.contest", { delegateId: 7 })).toBe(true);
    expect(mayPerform(delegate, "penalty.contest", { delegateId: 8 })).toBe(false);
    expect(mayPerform(viewer("mayor_office"), "penalty.decide", { delegateId: 8 })).toBe(true);
    expect(mayPerform(viewer("admin"), "penalty.decide")).toBe(false);
    expect(mayPerform(viewer("coordinator"), "city.configure")).toBe(false);
    expect(mayPerform(viewer("admin"), "citizen.anonymise")).toBe(true);
  });

  it("refuses every action to the anonymous, and a scoped action on a target of the wrong kind", () => {
    for (const action of Object.keys(ACTIONS) as Action[]) expect(mayPerform(null, action)).toBe(false);
    expect(mayPerform(viewer("admin"), "report.answer", { delegateId: 7 })).toBe(false);
  });
});
