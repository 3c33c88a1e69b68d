import { describe, expect, it } from "vitest";
import { computeDeadlines, makeHolidayChecker, type WorkCalendar } from "./deadlines";
import { commandOf, planTick, type TickAction, type TickCommand, type TickReport } from "./tick";

const casablanca: WorkCalendar = { timeZone: "Africa/Casablanca", weekendDays: [0, 6], isHoliday: makeHolidayChecker({ country: "MA" }) };
const paris: WorkCalendar = { timeZone: "Europe/Paris", weekendDays: [0, 6], isHoliday: makeHolidayChecker({ country: "FR" }) };
const HOUR = 3_600_000;

/** Runs the tick every hour from `start` for `days`, applying each action like the data layer does. */
function simulate(report: TickReport, start: Date, days: number, events: string[] = []) {
  const done = new Set(report.done);
  const log: { at: Date; action: TickAction }[] = [];
  let status = report.status;
  for (let t = start.getTime(); t <= start.getTime() + days * 24 * HOUR; t += HOUR) {
    const now = new Date(t);
    for (const action of planTick({ ...report, status, done }, now)) {
      log.push({ at: now, action });
      done.add(commandOf(action));
      if (action.kind === "apply_silence") status = "answered";
    }
    events.push(status);
  }
  return log;
}

describe("planTick", () => {
  it("over a month with a holiday: one reminder at 75 %, then silence-rejection once, never twice", () => {
    // Submitted Monday 2 Nov 2026 in Tétouan; 15 working days, 6 and 18 Nov are holidays.
    const submittedAt = new Date("2026-11-02T09:00:00Z");
    const due = computeDeadlines({ submittedAt, triageHours: 48, responseDays: 15, dayCount: "working", calendar: casablanca });
    expect(due.responseDueAt.toISOString()).toBe("2026-11-25T22:59:59.999Z");
    const log = simulate({ status: "in_progress", submittedAt, ...due, pausedAt: null, silenceRule: "rejection", done: new Set() }, submittedAt, 35);
    expect(log.map((l) => l.action.kind)).toEqual(["remind_service", "apply_silence"]);
    const [reminder, silence] = log;
    expect(reminder.at.getTime()).toBeGreaterThanOrEqual(submittedAt.getTime() + 0.75 * (due.responseDueAt.getTime() - submittedAt.getTime()));
    expect(reminder.at < due.responseDueAt).toBe(true);
    expect(silence.action).toEqual({ kind: "apply_silence", outcome: "rejected" });
    expect(silence.at.getTime() - due.responseDueAt.getTime()).toBeLessThanOrEqual(HOUR);
  });

  it("across a DST change: acceptance by silence counts as upheld, at the right instant", () => {
    const submittedAt = new Date("2026-03-10T10:00:00Z");
    const due = computeDeadlines({ submittedAt, triageHours: 48, responseDays: 30, dayCount: "calendar", calendar: paris });
    expect(due.responseDueAt.toISOString()).toBe("2026-04-09T21:59:59.999Z"); // summer time by then
    const log = simulate({ status: "routed", submittedAt, ...due, pausedAt: null, silenceRule: "acceptance", done: new Set() }, submittedAt, 40);
    expect(log.map((l) => l.action)).toEqual([{ kind: "remind_service" }, { kind: "apply_silence", outcome: "upheld" }]);
    expect(log[1].at.toISOString()).toBe("2026-04-09T22:00:00.000Z");
  });

  it("escalates late triage and late answers once, when silence means nothing", () => {
    const submittedAt = new Date("2026-11-02T09:00:00Z");
    const due = computeDeadlines({ submittedAt, triageHours: 48, responseDays: 7, dayCount: "calendar", calendar: casablanca });
    const triage = simulate({ status: "submitted", submittedAt, ...due, pausedAt: null, silenceRule: "none", done: new Set() }, submittedAt, 10);
    expect(triage.map((l) => l.action)).toEqual([{ kind: "escalate", deadline: "routing" }]);
    expect(triage[0].at.getTime()).toBe(submittedAt.getTime() + 49 * HOUR);
    const response = simulate({ status: "in_progress", submittedAt, ...due, pausedAt: null, silenceRule: "none", done: new Set() }, submittedAt, 20);
    expect(response.map((l) => l.action.kind)).toEqual(["remind_service", "escalate"]);
  });

  it("does nothing while the report waits for the citizen, nor once it is answered", () => {
    const submittedAt = new Date("2026-11-02T09:00:00Z");
    const due = computeDeadlines({ submittedAt, triageHours: 48, responseDays: 7, dayCount: "calendar", calendar: casablanca });
    const waiting = {
      status: "needs_info",
      submittedAt,
      ...due,
      pausedAt: new Date("2026-11-03T09:00:00Z"),
      silenceRule: "rejection" as const,
      done: new Set<TickCommand>(),
    };
    expect(simulate(waiting, submittedAt, 60)).toEqual([]);
    expect(simulate({ ...waiting, status: "answered", pausedAt: null }, submittedAt, 60)).toEqual([]);
  });
});
