import { describe, expect, it } from "vitest";
import { eventTextKind, feedbackOf } from "./timeline";
import { COMMAND_NAMES } from "./workflow";

describe("eventTextKind", () => {
  it("tells the citizen's and the delegate's words apart from staff notes", () => {
    expect(eventTextKind("provide_information")).toBe("citizenReply");
    expect(eventTextKind("give_feedback")).toBe("citizenComment");
    expect(eventTextKind("give_account")).toBe("delegateAccount");
    expect(eventTextKind("contest_penalty")).toBe("delegateContest");
    expect(eventTextKind("reopen")).toBe("reason");
    expect(eventTextKind("add_note")).toBe("internalNote");
    expect(eventTextKind("route")).toBe("internalNote");
  });
  it("calls no text written by a citizen an internal note", () => {
    const citizens = COMMAND_NAMES.filter((c) => ["provide_information", "give_feedback"].includes(c));
    for (const c of citizens) expect(eventTextKind(c)).not.toBe("internalNote");
  });
});

describe("feedbackOf", () => {
  it("reads the verdict and the rating", () => {
    expect(feedbackOf({ fixed: false, rating: 2 })).toEqual({ fixed: false, rating: 2 });
    expect(feedbackOf({ fixed: true })).toEqual({ fixed: true, rating: null });
  });
  it("ignores what is not a verdict", () => {
    expect(feedbackOf(null)).toBeNull();
    expect(feedbackOf({ rating: 4 })).toBeNull();
    expect(feedbackOf({ fixed: true, rating: 9 })).toEqual({ fixed: true, rating: null });
  });
});
