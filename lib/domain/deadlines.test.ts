import { describe, expect, it } from "vitest";
import {
  computeDeadlines,
  deadlineBasis,
  endOfLocalDay,
  extendForPause,
  isWorkingDay,
  lateness,
  localDateOf,
  makeHolidayChecker,
  middayOf,
  officialHolidays,
  pausedMilliseconds,
  reportLateness,
  w3cDateTime,
  type WorkCalendar,
} from "./deadlines";
import { DAY_MS } from "./time";

const noHolidays = () => false;
const casablanca: WorkCalendar = { timeZone: "Africa/Casablanca", weekendDays: [0, 6], isHoliday: makeHolidayChecker({ country: "MA" }) };
const paris: WorkCalendar = { timeZone: "Europe/Paris", weekendDays: [0, 6], isHoliday: makeHolidayChecker({ country: "FR" }) };

describe("local days", () => {
  it("reads the local date in the city's zone, not UTC", () => {
    // 23:30 UTC on 9 Jan is 00:30 on 10 Jan in Casablanca (UTC+1 outside Ramadan).
    expect(localDateOf(new Date("2026-01-09T23:30:00Z"), "Africa/Casablanca")).toBe("2026-01-10");
    expect(localDateOf(new Date("2026-01-09T23:30:00Z"), "UTC")).toBe("2026-01-09");
  });

  it("ends a day at 23:59:59.999 on the wall clock, across DST changes", () => {
    expect(endOfLocalDay("2026-01-10", "Africa/Casablanca").toISOString()).toBe("2026-01-10T22:59:59.999Z");
    // During Ramadan 2026 Morocco goes back to UTC+0.
    expect(endOfLocalDay("2026-03-01", "Africa/Casablanca").toISOString()).toBe("2026-03-01T23:59:59.999Z");
    expect(endOfLocalDay("2026-07-01", "Europe/Paris").toISOString()).toBe("2026-07-01T21:59:59.999Z");
    expect(endOfLocalDay("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-29T21:59:59.999Z"); // the day clocks go forward
    expect(endOfLocalDay("2026-10-25", "Europe/Paris").toISOString()).toBe("2026-10-25T22:59:59.999Z"); // and back
  });
});

describe("holidays", () => {
  const isHoliday = makeHolidayChecker({ country: "MA", extraDates: ["2026-04-09"] });
  it("knows Morocco's public holidays, fixed and Islamic, and the days an admin adds", () => {
    expect(isHoliday("2026-01-11")).toBe(true); // Manifeste de l'indépendance
    expect(isHoliday("2026-11-18")).toBe(true); // Fête de l'indépendance
    expect(isHoliday("2026-03-20")).toBe(true); // Aïd al-Fitr
    expect(isHoliday("2026-04-09")).toBe(true); // added by the admin
    expect(isHoliday("2026-11-19")).toBe(false);
  });
  it("lists the country's public holidays of a year, named in the reader's language, the days the checker skips", () => {
    const fr = officialHolidays("MA", 2026, "fr");
    expect(fr[0]).toEqual({ day: "2026-01-01", name: "Nouvel An", days: 1 });
    expect(fr.find((h) => h.day === "2026-11-18")?.name).toBe("Fête de l'indépendance");
    expect(officialHolidays("MA", 2026, "ar").find((h) => h.day === "2026-11-18")?.name).toBe("عيد الاستقلال");
    expect(officialHolidays("MA", 2026, "en").find((h) => h.day === "2026-11-18")?.name).toBe("Independence Day");
    const checker = makeHolidayChecker({ country: "MA" });
    expect(fr.every((h) => checker(h.day))).toBe(true);
    expect(fr.map((h) => h.day)).toEqual([...fr.map((h) => h.day)].sort());
  });
  it("takes a calendar day's local midday to format it", () => {
    expect(localDateOf(middayOf("2026-12-31", "Pacific/Kiritimati"), "Pacific/Kiritimati")).toBe("2026-12-31");
    expect(middayOf("2026-07-01", "Europe/Paris").toISOString()).toBe("2026-07-01T10:00:00.000Z");
  });
  it("skips weekends and holidays as working days", () => {
    expect(isWorkingDay("2026-11-18", casablanca)).toBe(false);
    expect(isWorkingDay("2026-11-21", casablanca)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-23", casablanca)).toBe(true);
    expect(isWorkingDay("2026-11-21", { ...casablanca, weekendDays: [5] })).toBe(true);
  });
});

describe("computeDeadlines", () => {
  it("routes within the triage hours, on the clock", () => {
    const submittedAt = new Date("2026-11-20T10:00:00Z");
    const { routingDueAt } = computeDeadlines({ submittedAt, triageHours: 48, responseDays: 30, dayCount: "calendar", calendar: casablanca });
    expect(routingDueAt.toISOString()).toBe("2026-11-22T10:00:00.000Z");
  });

  it("counts calendar days to the end of the local day, moved off a closed day", () => {
    // Friday 6 Nov 2026 (a holiday itself does not matter for the start) + 30 days = Sunday 6 Dec → Monday 7 Dec.
    const due = computeDeadlines({
      submittedAt: new Date("2026-11-06T09:00:00Z"),
      triageHours: 48,
      responseDays: 30,
      dayCount: "calendar",
      calendar: casablanca,
    });
    expect(due.responseDueAt.toISOString()).toBe("2026-12-07T22:59:59.999Z");
    // Wednesday 4 Nov + 30 = Friday 4 Dec, a working day: unchanged.
    const plain = computeDeadlines({
      submittedAt: new Date("2026-11-04T09:00:00Z"),
      triageHours: 48,
      responseDays: 30,
      dayCount: "calendar",
      calendar: casablanca,
    });
    expect(localDateOf(plain.responseDueAt, "Africa/Casablanca")).toBe("2026-12-04");
  });

  it("counts working days, skipping weekends and public holidays", () => {
    // Monday 16 Nov 2026; 18 Nov is a holiday; 21–22 weekend. 5 working days: 17, 19, 20, 23, 24.
    const due = computeDeadlines({
      submittedAt: new Date("2026-11-16T08:00:00Z"),
      triageHours: 48,
      responseDays: 5,
      dayCount: "working",
      calendar: casablanca,
    });
    expect(localDateOf(due.responseDueAt, "Africa/Casablanca")).toBe("2026-11-24");
    const withoutHolidays = computeDeadlines({
      submittedAt: new Date("2026-11-16T08:00:00Z"),
      triageHours: 48,
      responseDays: 5,
      dayCount: "working",
      calendar: { ...casablanca, isHoliday: noHolidays },
    });
    expect(localDateOf(withoutHolidays.responseDueAt, "Africa/Casablanca")).toBe("2026-11-23");
  });

  it("starts from the local day of submission: late evening UTC is already tomorrow in the city", () => {
    const due = computeDeadlines({
      submittedAt: new Date("2026-06-09T23:30:00Z"),
      triageHours: 48,
      responseDays: 1,
      dayCount: "calendar",
      calendar: { ...casablanca, isHoliday: noHolidays },
    });
    // Local 10 June 00:30 (UTC+1) + 1 day = 11 June.
    expect(localDateOf(due.responseDueAt, "Africa/Casablanca")).toBe("2026-06-11");
  });

  it("ends on the right instant across a DST change", () => {
    // Paris, submitted 1 March, 30 days later is 31 March, after the switch to summer time.
    const due = computeDeadlines({ submittedAt: new Date("2026-03-01T10:00:00Z"), triageHours: 48, responseDays: 30, dayCount: "calendar", calendar: paris });
    expect(due.responseDueAt.toISOString()).toBe("2026-03-31T21:59:59.999Z");
    // Casablanca leaves Ramadan time (UTC+0) for UTC+1 in March 2026.
    const ma = computeDeadlines({
      submittedAt: new Date("2026-03-02T10:00:00Z"),
      triageHours: 48,
      responseDays: 30,
      dayCount: "calendar",
      calendar: casablanca,
    });
    expect(ma.responseDueAt.toISOString()).toBe("2026-04-01T22:59:59.999Z");
  });

  it("refuses non-positive deadlines", () => {
    expect(() => computeDeadlines({ submittedAt: new Date(), triageHours: 0, responseDays: 30, dayCount: "calendar", calendar: casablanca })).toThrow(
      RangeError,
    );
  });
});

describe("pauses and lateness", () => {
  it("moves the due date by the time spent waiting for the citizen", () => {
    const pausedAt = new Date("2026-11-10T10:00:00Z");
    const now = new Date("2026-11-13T10:00:00Z");
    expect(pausedMilliseconds(pausedAt, now)).toBe(3 * DAY_MS);
    expect(pausedMilliseconds(null, now)).toBe(0);
    expect(pausedMilliseconds(now, pausedAt)).toBe(0);
    // Whole days, and the deadline still ends at 23:59 on the city's clock (Africa/Casablanca, UTC+1).
    const due = endOfLocalDay("2026-12-08", "Africa/Casablanca");
    expect(extendForPause(due, 3 * DAY_MS, "Africa/Casablanca")).toEqual(endOfLocalDay("2026-12-11", "Africa/Casablanca"));
    expect(extendForPause(due, 20 * 60_000, "Africa/Casablanca"), "a pause of minutes is a day, not 00:00 the next").toEqual(
      endOfLocalDay("2026-12-09", "Africa/Casablanca"),
    );
    expect(extendForPause(due, 0, "Africa/Casablanca")).toBe(due);
  });

  it("derives lateness from the due date and the clock", () => {
    const due = new Date("2026-11-30T22:59:59.999Z");
    expect(lateness(due, new Date("2026-11-20T00:00:00Z"))).toBe("on_time");
    expect(lateness(due, new Date("2026-11-29T12:00:00Z"))).toBe("due_soon");
    expect(lateness(due, new Date("2026-12-01T00:00:00Z"))).toBe("late");
  });
});

describe("reportLateness", () => {
  const base = { routingDueAt: new Date("2026-11-22T10:00:00Z"), responseDueAt: new Date("2026-12-20T22:59:59Z"), pausedAt: null };
  it("follows routing before triage and response after, and stops once answered", () => {
    expect(reportLateness({ ...base, status: "submitted" }, new Date("2026-11-22T11:00:00Z"))).toBe("late");
    expect(reportLateness({ ...base, status: "submitted" }, new Date("2026-11-22T00:00:00Z"))).toBe("due_soon");
    expect(reportLateness({ ...base, status: "routed" }, new Date("2026-11-22T11:00:00Z"))).toBe("on_time");
    expect(reportLateness({ ...base, status: "in_progress" }, new Date("2026-12-21T00:00:00Z"))).toBe("late");
    expect(reportLateness({ ...base, status: "answered" }, new Date("2027-01-01T00:00:00Z"))).toBeNull();
  });
  it("does not count the time waiting for the citizen", () => {
    const waiting = { ...base, status: "needs_info", pausedAt: new Date("2026-12-10T00:00:00Z") };
    expect(reportLateness(waiting, new Date("2026-12-25T00:00:00Z"))).toBe("on_time");
  });
});

describe("w3cDateTime", () => {
  it("writes the local time with the zone's offset at that instant", () => {
    expect(w3cDateTime(new Date("2026-11-23T09:30:05Z"), "Africa/Casablanca")).toBe("2026-11-23T10:30:05+01:00");
    expect(w3cDateTime(new Date("2026-03-01T09:30:05Z"), "Africa/Casablanca")).toBe("2026-03-01T09:30:05+00:00"); // Ramadan time
    expect(w3cDateTime(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
  });
});

describe("deadlineBasis", () => {
  const at = (iso: string) => new Date(iso);
  it("counts from the filing, plus each pause in whole days", () => {
    const events = [
      { type: "submit", at: at("2026-12-01T09:00:00Z") },
      { type: "ask_information", at: at("2026-12-02T09:00:00Z") },
      { type: "provide_information", at: at("2026-12-02T09:20:00Z") },
      { type: "ask_information", at: at("2026-12-03T09:00:00Z") },
      { type: "resume", at: at("2026-12-05T10:00:00Z") },
    ];
    expect(deadlineBasis(events, at("2026-12-06T00:00:00Z"))).toEqual({ from: at("2026-12-01T09:00:00Z"), pausedDays: 1 + 3 });
  });
  it("starts again at a reopening, and counts a pause still running", () => {
    const events = [
      { type: "submit", at: at("2026-12-01T09:00:00Z") },
      { type: "ask_information", at: at("2026-12-02T09:00:00Z") },
      { type: "answer", at: at("2026-12-04T09:00:00Z") },
      { type: "reopen", at: at("2026-12-10T09:00:00Z") },
      { type: "ask_information", at: at("2026-12-11T09:00:00Z") },
    ];
    expect(deadlineBasis(events, at("2026-12-11T10:00:00Z"))).toEqual({ from: at("2026-12-10T09:00:00Z"), pausedDays: 1 });
  });
});
